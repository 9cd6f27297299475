/** Alert emails to the account's admins, through an SMTP server (REBOUND_ALERT_SMTP) with nodemailer. */
import nodemailer from 'nodemailer';

export interface AlertMail {
  to: string[];
  subject: string;
  text: string;
}

export interface AlertMailer {
  send(mail: AlertMail): Promise<void>;
}

export function smtpAlertMailer(smtpUrl: string, from: string): AlertMailer & { close(): void } {
  const transport = nodemailer.createTransport(smtpUrl);
  return {
    async send(mail) {
      await transport.sendMail({ from, to: mail.to, subject: mail.subject, text: mail.text });
    },
    close: () => transport.close(),
  };
}
