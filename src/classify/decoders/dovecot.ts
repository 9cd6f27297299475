import { parseDeliveryStatus } from '../dsn.js';
import type { Decoder, RecipientFact } from '../types.js';
import { factsFromFields, standardFacts } from './rfc3464.js';

/**
 * Dovecot's rejection (LDA / LMTP, Sieve "reject", quota): the mailbox server itself refuses the
 * mail and says why on the line after its fixed sentence; the recipient is in a delivery-status
 * or disposition-notification part (Final-Recipient):
 *
 *   Your message to <user@example.org> was automatically rejected:
 *   Quota exceeded (mailbox for user is full)
 *
 * The server's reason is the one to read: a relay's DSN around it may carry a generic code.
 */
const REJECTED = ' was automatically rejected:';

export const dovecot: Decoder = {
  id: 'dovecot',
  recognises: (mail) => mail.text().includes(REJECTED),
  decode(mail) {
    const text = mail.text();
    const at = text.indexOf(REJECTED);
    if (!text.slice(Math.max(0, text.lastIndexOf('\n', at) + 1), at).startsWith('Your message to ')) {
      return undefined;
    }
    const reason = reasonAfter(text.slice(at + REJECTED.length));
    if (!reason) return undefined;
    const facts: RecipientFact[] = standardFacts(mail);
    if (facts.length === 0) {
      const report = mail.leaves.find((leaf) => leaf.contentType === 'message/disposition-notification');
      if (report) {
        const fields = parseDeliveryStatus(report.text());
        // One block of fields: the parser may file it as per-message or per-recipient.
        const blocks = fields.perRecipient.length > 0 ? fields.perRecipient : [fields.perMessage];
        facts.push(...factsFromFields(fields.perMessage, blocks));
      }
    }
    for (const fact of facts) {
      fact.diagnosticCode = reason;
      fact.action ??= 'failed';
    }
    return facts.length > 0 ? { recipients: facts } : undefined;
  },
};

/** The reason: the lines after the sentence, up to a blank line. */
function reasonAfter(text: string): string {
  const lines: string[] = [];
  for (const raw of text.replace(/^[ \t]*\n/, '').split('\n')) {
    const line = raw.trim();
    if (line === '') break;
    lines.push(line);
  }
  return lines.join(' ');
}
