/**
 * Small bounce mails built in code for the service and store tests: an RFC 3464 delivery status
 * notification and an RFC 5965 (ARF) complaint. `id` makes otherwise equal mails distinct bytes.
 */
export interface DsnOptions {
  recipient: string;
  status: string;
  diagnostic: string;
  action?: 'failed' | 'delayed' | 'delivered';
  /** Arrival-Date / Last-Attempt-Date, ISO 8601. */
  date?: string;
  id?: string;
}

export function buildDsn(o: DsnOptions): string {
  const date = new Date(o.date ?? '2026-01-05T10:00:00Z').toUTCString().replace('GMT', '+0000');
  const id = o.id ?? '1';
  const boundary = `b-${id}`;
  return [
    'From: Mail Delivery System <MAILER-DAEMON@mx.rebound.test>',
    'To: bounces@crm.rebound.test',
    `Subject: Undelivered Mail Returned to Sender`,
    `Date: ${date}`,
    `Message-ID: <dsn-${id}@mx.rebound.test>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=us-ascii',
    '',
    `Your message to <${o.recipient}> could not be delivered.`,
    '',
    `--${boundary}`,
    'Content-Type: message/delivery-status',
    '',
    'Reporting-MTA: dns; mx.rebound.test',
    `Arrival-Date: ${date}`,
    '',
    `Final-Recipient: rfc822; ${o.recipient}`,
    `Original-Recipient: rfc822; ${o.recipient}`,
    `Action: ${o.action ?? 'failed'}`,
    `Status: ${o.status}`,
    'Remote-MTA: dns; mx.receiver.test',
    `Diagnostic-Code: smtp; ${o.diagnostic}`,
    `Last-Attempt-Date: ${date}`,
    '',
    `--${boundary}`,
    'Content-Type: text/rfc822-headers',
    '',
    'From: news@crm.rebound.test',
    `To: ${o.recipient}`,
    'Subject: Our newsletter',
    `Message-ID: <orig-${id}@crm.rebound.test>`,
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}

export function hardBounce(recipient: string, id: string, date?: string): string {
  return buildDsn({
    recipient,
    id,
    date,
    status: '5.1.1',
    diagnostic: `550 5.1.1 <${recipient}>: Recipient address rejected: User unknown`,
  });
}

export function softBounce(recipient: string, id: string, date?: string): string {
  return buildDsn({
    recipient,
    id,
    date,
    status: '4.2.2',
    diagnostic: `452 4.2.2 <${recipient}>: Mailbox full, over quota`,
  });
}

export function spamhausRejection(recipient: string, id: string, date?: string): string {
  return buildDsn({
    recipient,
    id,
    date,
    status: '5.7.1',
    diagnostic: '554 5.7.1 Service unavailable; Client host [192.0.2.7] blocked using zen.spamhaus.org',
  });
}

export function complaint(recipient: string, id: string, date = '2026-01-05T10:00:00Z'): string {
  const boundary = `arf-${id}`;
  return [
    'From: feedback@fbl.receiver.test',
    'To: fbl@crm.rebound.test',
    'Subject: Abuse report',
    `Date: ${new Date(date).toUTCString().replace('GMT', '+0000')}`,
    `Message-ID: <arf-${id}@fbl.receiver.test>`,
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=feedback-report; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain',
    '',
    'This is an email abuse report.',
    '',
    `--${boundary}`,
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: ReboundTest/1.0',
    'Version: 1',
    `Original-Rcpt-To: <${recipient}>`,
    `Arrival-Date: ${new Date(date).toUTCString().replace('GMT', '+0000')}`,
    '',
    `--${boundary}`,
    'Content-Type: message/rfc822',
    '',
    'From: news@crm.rebound.test',
    `To: ${recipient}`,
    'Subject: Our newsletter',
    `Message-ID: <orig-${id}@crm.rebound.test>`,
    '',
    'Hello',
    '',
    `--${boundary}--`,
    '',
  ].join('\r\n');
}
