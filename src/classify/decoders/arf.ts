import { extractAddress } from '../address.js';
import { parseHeaderBlock } from '../mime/header-block.js';
import type { Decoder, HeaderView, ParsedMessage } from '../types.js';

/**
 * RFC 5965 Abuse Reporting Format: a feedback loop's complaint. The complained-about recipients are
 * the report's Original-Rcpt-To fields (RFC 6650; there may be several), else the original's To.
 * Microsoft's JMRP reports are no ARF (a multipart/mixed holding only the original): they name the
 * recipient in the original's X-HmXmrOriginalRecipient header.
 */
const JMRP_RECIPIENT = 'x-hmxmroriginalrecipient';

export const arf: Decoder = {
  id: 'arf',
  recognises: (mail) => feedbackReport(mail) !== undefined || isJmrp(mail),
  decode(mail) {
    const report = feedbackReport(mail);
    const fields = report ? parseHeaderBlock(report.text()).headers : undefined;
    const recipients = complainedRecipients(mail, fields);
    const feedbackType = fields?.get('feedback-type')?.trim().toLowerCase() || 'abuse';
    const date = fields?.get('arrival-date') ?? fields?.get('received-date') ?? mail.headers.get('date');
    const rule = report ? `ARF report, Feedback-Type: ${feedbackType}` : 'Microsoft JMRP complaint';
    return {
      recipients: recipients.map((recipient) => ({
        recipient,
        reason: 'feedback' as const,
        rule,
        feedbackType,
        reportingMta: fields?.get('reporting-mta')?.replace(/^dns;\s*/i, ''),
        remoteMta: fields?.get('source-ip')?.trim(),
        diagnosticCode: mail.text().slice(0, 300),
        date,
      })),
    };
  },
};

function feedbackReport(mail: ParsedMessage) {
  return mail.leaves.find((leaf) => leaf.contentType === 'message/feedback-report');
}

function isJmrp(mail: ParsedMessage): boolean {
  return mail.original?.headers.has(JMRP_RECIPIENT) === true;
}

function complainedRecipients(mail: ParsedMessage, fields: HeaderView | undefined): string[] {
  const found = new Set<string>();
  for (const value of [
    ...(fields?.getAll('original-rcpt-to') ?? []),
    ...(fields?.getAll('removal-recipient') ?? []),
  ]) {
    const address = extractAddress(value);
    if (address) found.add(address);
  }
  if (found.size === 0) {
    const original = mail.original?.headers;
    const address = extractAddress(original?.get(JMRP_RECIPIENT)) ?? extractAddress(original?.get('to'));
    if (address) found.add(address);
  }
  return [...found];
}
