/**
 * Bounce mails built in code for the API, CLI and benchmark tests: a Postfix-style RFC 3464 report for
 * any recipient, status and reply, and an ARF complaint. Each call gives distinct bytes (the `id`), since
 * Rebound counts the same mail once.
 */
export interface DsnOptions {
  recipient: string;
  /** Enhanced status code: 5.1.1 (hard), 4.2.2 (soft), 5.7.1 with a blocklist reply (sender). */
  status: string;
  /** The receiving server's reply, as it said it. */
  reply: string;
  /** Makes the mail unique (Message-ID), so a second report is not a duplicate. */
  id: string;
  /** Event time of the failed attempt (Arrival-Date), ISO 8601. */
  at?: string;
}

export const HARD = { status: '5.1.1', reply: '550 5.1.1 <%s>: Recipient address rejected: User unknown' };
export const SOFT = { status: '4.2.2', reply: '452 4.2.2 <%s>: Mailbox full, quota exceeded' };
/** A blocklist refusing the sending IP: the address is not at fault. */
export const SPAMHAUS = {
  status: '5.7.1',
  reply: '554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org',
};

export function dsn(options: DsnOptions): string {
  const { recipient, status, id } = options;
  const reply = options.reply.replace('%s', recipient);
  const date = new Date(options.at ?? '2025-01-06T10:00:00Z').toUTCString().replace('GMT', '+0000');
  return [
    'Return-Path: <>',
    'From: MAILER-DAEMON@mx.sender.example (Mail Delivery System)',
    'To: crm@sender.example',
    'Subject: Undelivered Mail Returned to Sender',
    `Date: ${date}`,
    `Message-ID: <dsn-${id}@mx.sender.example>`,
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=delivery-status; boundary="B"',
    '',
    '--B',
    'Content-Type: text/plain',
    '',
    'Your message could not be delivered to one or more recipients.',
    '',
    `<${recipient}>: host mx.recipient.example[192.0.2.1] said: ${reply} (in reply to RCPT TO command)`,
    '',
    '--B',
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.sender.example',
    `Arrival-Date: ${date}`,
    '',
    `Final-Recipient: rfc822; ${recipient}`,
    `Action: ${status.startsWith('4') ? 'delayed' : 'failed'}`,
    `Status: ${status}`,
    'Remote-MTA: dns; mx.recipient.example',
    `Diagnostic-Code: smtp; ${reply}`,
    `Last-Attempt-Date: ${date}`,
    '',
    '--B',
    'Content-Type: text/rfc822-headers',
    '',
    'From: crm@sender.example',
    `To: ${recipient}`,
    'Subject: Our newsletter',
    `Message-ID: <orig-${id}@sender.example>`,
    '',
    '--B--',
    '',
  ].join('\r\n');
}

/** An ARF feedback report (RFC 5965): the recipient marked the mail as spam. */
export function complaint(recipient: string, id: string): string {
  return [
    'From: fbl@isp.example',
    'To: abuse@sender.example',
    'Subject: Abuse report',
    `Message-ID: <arf-${id}@isp.example>`,
    'Date: Mon, 6 Jan 2025 10:00:00 +0000',
    'MIME-Version: 1.0',
    'Content-Type: multipart/report; report-type=feedback-report; boundary="F"',
    '',
    '--F',
    'Content-Type: text/plain',
    '',
    'This is an email abuse report.',
    '',
    '--F',
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: isp-fbl/1.0',
    'Version: 1',
    `Original-Rcpt-To: ${recipient}`,
    'Arrival-Date: Mon, 6 Jan 2025 09:00:00 +0000',
    '',
    '--F',
    'Content-Type: message/rfc822',
    '',
    'From: crm@sender.example',
    `To: ${recipient}`,
    'Subject: Our newsletter',
    `Message-ID: <orig-${id}@sender.example>`,
    '',
    'Hello',
    '',
    '--F--',
    '',
  ].join('\r\n');
}

export const NOT_A_BOUNCE = 'From: a@example.com\r\nTo: b@example.com\r\nSubject: hi\r\n\r\nJust a note.\r\n';
