import { findAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';
import { beforeOriginal } from './text-report.js';

/**
 * Ipswitch IMail Server (X-Mailer: <SMTP32 v...>, "Undeliverable Mail"): one line per recipient,
 * the reason before the address, or the remote server's reply after an "undeliverable to" line:
 *
 *   Unknown user: user@example.org
 *   undeliverable to user@example.net
 *   Body of message generated response:
 *   550 5.7.1 Message refused
 *   Original message follows.
 */
export const imailserver: Decoder = {
  id: 'imailserver',
  cues: ['<smtp32 v'],
  recognises: (mail) =>
    (mail.headers.get('x-mailer') ?? '').trimStart().startsWith('<SMTP32 v') &&
    (mail.headers.get('subject') ?? '').trim().startsWith('Undeliverable Mail'),
  decode(mail) {
    const text = beforeOriginal(mail.text(), ['original message follows.']);
    const recipients: RecipientFact[] = [];
    let current: RecipientFact | undefined;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (line === '') continue;
      const opened = openLine(line);
      if (opened) {
        current = opened;
        recipients.push(current);
      } else if (current && !line.startsWith('Body of message generated response')) {
        current.diagnosticCode = `${current.diagnosticCode ?? ''} ${line}`.trim();
      }
    }
    return recipients.length > 0 ? { recipients } : undefined;
  },
};

const LOCAL_UNKNOWN = ['Unknown user:', 'Invalid final delivery userid:'];

/** "Reason words: address" (the reason has a space, unlike a header name) or "undeliverable to address". */
function openLine(line: string): RecipientFact | undefined {
  if (line.toLowerCase().startsWith('undeliverable to ')) {
    const found = findAddress(line);
    return found ? { recipient: found.address } : undefined;
  }
  const colon = line.indexOf(': ');
  if (colon <= 0 || !line.slice(0, colon).includes(' ')) return undefined;
  const found = findAddress(line, colon);
  if (!found || line.slice(found.end).replace(/[>\s]/g, '') !== '') return undefined;
  const fact: RecipientFact = { recipient: found.address, diagnosticCode: line };
  // IMail's own words that no remote server said: "Delivery failed 20 attempts", "Unknown host",
  // and for its own mailboxes "Unknown user" / "Invalid final delivery userid" (it knows its users).
  if (/^Delivery failed \d+ attempts/.test(line)) {
    fact.reason = 'expired';
    fact.rule = 'imailserver: Delivery failed N attempts';
  } else if (line.startsWith('Unknown host')) {
    fact.reason = 'hostunknown';
    fact.rule = 'imailserver: Unknown host';
  } else if (LOCAL_UNKNOWN.some((words) => line.startsWith(words))) {
    fact.reason = 'userunknown';
    fact.rule = `imailserver: ${line.slice(0, colon)}`;
  }
  return fact;
}
