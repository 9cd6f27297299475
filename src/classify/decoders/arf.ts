import { extractAddress } from '../address.js';
import { parseDeliveryStatus } from '../dsn.js';
import type { Decoder } from '../types.js';

/**
 * RFC 5965 Abuse Reporting Format: a feedback loop's complaint. The complained-about recipient is
 * the original message's To (Original-Rcpt-To when given, RFC 6650), not the report's addressee.
 */
export const arf: Decoder = {
  id: 'arf',
  recognises: (mail) =>
    mail.leaves.some((leaf) => leaf.contentType === 'message/feedback-report') ||
    /feedback-report/i.test(mail.headers.get('content-type') ?? ''),
  decode(mail) {
    const report = mail.leaves.find((leaf) => leaf.contentType === 'message/feedback-report');
    if (!report) return undefined;
    const fields = parseDeliveryStatus(report.text()).perMessage;
    const recipients = new Set<string>();
    for (const value of [fields.get('original-rcpt-to'), fields.get('removal-recipient')]) {
      const address = extractAddress(value);
      if (address) recipients.add(address);
    }
    if (recipients.size === 0) {
      const address = extractAddress(mail.original?.headers.get('to'));
      if (address) recipients.add(address);
    }
    const feedbackType = fields.get('feedback-type')?.toLowerCase().trim() ?? 'abuse';
    const date = fields.get('arrival-date') ?? fields.get('received-date') ?? mail.headers.get('date');
    return {
      recipients: [...recipients].map((recipient) => ({
        recipient,
        reason: 'feedback' as const,
        rule: `ARF report, Feedback-Type: ${feedbackType}`,
        feedbackType,
        reportingMta: fields.get('reporting-mta')?.replace(/^dns;\s*/i, ''),
        remoteMta: fields.get('source-ip'),
        date,
      })),
    };
  },
};
