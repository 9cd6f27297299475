import { findAddress } from '../address.js';
import { hasRecipientFields } from '../dsn.js';
import { findReplyCode, findStatus } from '../status-code.js';
import type { Decoder, RecipientFact } from '../types.js';

/**
 * An unidentified MTA (Sisimai's "X3") whose text part is framed by lines of '=' signs:
 *
 *   This is an automatically generated Delivery Status Notification.
 *   Delivery to the following recipients failed permanently:
 *      * user@example.org
 *   ====================
 *                  Technical details:
 *   SMTP:RCPT host 192.0.2.1: 550 5.1.1 <user@example.org>... No such user
 *
 * "...was aborted after 5.0 hour(s):" instead of "failed permanently:" means the MTA gave up retrying.
 * The list heading keeps the MTA's own misspelling "Delevery" in some versions, so only its tail is matched.
 */
const BANNER = 'This is an automatically generated Delivery Status Notification.';
const DETAILS = 'Technical details:';

export const x3: Decoder = {
  id: 'x3',
  cues: ['delivery status notification'],
  recognises(mail) {
    const subject = mail.headers.get('subject') ?? '';
    const from = mail.headers.get('from') ?? '';
    return subject.startsWith('Delivery status notification') && from.startsWith('Mail Delivery System');
  },
  decode(mail) {
    // Versions that also attach message/delivery-status are left to the RFC 3464 decoder, unless
    // that part names no recipient (only the per-message fields): then the text's list is all there is.
    if (hasRecipientFields(mail.deliveryStatus())) return undefined;
    const text = mail.text();
    const start = text.indexOf(BANNER);
    if (start === -1) return undefined;
    const recipients: string[] = [];
    const details: string[] = [];
    let expired = false;
    let inDetails = false;
    for (const raw of text.slice(start).split('\n')) {
      const line = raw.trim();
      if (line.startsWith('=') || line === '') continue;
      if (line.includes('the following recipients was aborted after ')) expired = true;
      if (line === DETAILS) inDetails = true;
      else if (inDetails) details.push(line);
      else if (line.startsWith('* ')) {
        const found = findAddress(line);
        if (found) recipients.push(found.address);
      }
    }
    const facts: RecipientFact[] = recipients.map((recipient) => factFor(recipient, details, expired));
    return facts.length > 0 ? { recipients: facts } : undefined;
  },
};

/** The detail line naming the recipient (or the only one), e.g. "SMTP:RCPT host 192.0.2.1: 553 ...". */
function factFor(recipient: string, details: readonly string[], expired: boolean): RecipientFact {
  const line = details.find((d) => d.includes(recipient)) ?? (details.length === 1 ? details[0] : undefined);
  const fact: RecipientFact = { recipient, action: expired ? 'delayed' : 'failed' };
  if (expired) {
    fact.reason = 'expired';
    fact.rule = 'x3: delivery aborted after retrying';
  }
  if (line === undefined) return fact;
  // "SMTP:RCPT host 192.0.2.1: 553 ..." names the command and the host; "Routing: ..." is local.
  const smtp = /^SMTP:([A-Z]{4}) host ([^\s:]+): /.exec(line);
  const said = smtp ? line.slice(smtp[0].length) : line.replace(/^Routing: /, '');
  fact.diagnosticCode = smtp ? line : said;
  if (smtp) {
    fact.smtpCommand = smtp[1];
    fact.remoteMta = smtp[2];
    fact.replyCode = findReplyCode(said);
    fact.status = findStatus(said);
  }
  return fact;
}
