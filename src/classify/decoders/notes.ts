import type { Decoder, RecipientFact } from '../types.js';
import { addressLine, beforeOriginal } from './text-report.js';

/**
 * Lotus Notes' SMTP MTA ("Undeliverable message"): the reason, then the address it applies to,
 * between two dashed rules; the original follows inline.
 *
 *   ------- Failure Reasons  --------
 *
 *   User not listed in public Name & Address Book
 *   user@example.org
 *
 *   ------- Returned Message --------
 */
export const notes: Decoder = {
  id: 'notes',
  cues: ['undeliverable message'],
  recognises: (mail) => (mail.headers.get('subject') ?? '').startsWith('Undeliverable message'),
  decode(mail) {
    const whole = mail.text();
    const start = whole.indexOf('------- Failure Reasons');
    if (start === -1) return undefined;
    const text = beforeOriginal(whole.slice(start), ['------- returned message']);
    const recipients: RecipientFact[] = [];
    let reasonLines: string[] = [];
    for (const raw of text.split('\n').slice(1)) {
      const line = raw.trim();
      if (line === '') continue;
      const recipient = addressLine(line);
      if (recipient) {
        recipients.push({
          recipient,
          diagnosticCode: reasonLines.join(' ') || undefined,
          ...knownReason(reasonLines),
        });
        reasonLines = [];
      } else {
        reasonLines.push(line);
      }
    }
    return recipients.length > 0 ? { recipients } : undefined;
  },
};

/**
 * Notes' own "not in the directory" (English and Japanese editions): the server that holds the
 * mailboxes has no such user, which is certain whichever SMTP step a relay would have refused.
 */
const NOT_LISTED = ['not listed in public Name & Address Book', 'ディレクトリのリストにありません'];

function knownReason(lines: string[]): Pick<RecipientFact, 'reason' | 'rule'> {
  const words = NOT_LISTED.find((w) => lines.some((line) => line.includes(w)));
  return words ? { reason: 'userunknown', rule: `notes: ${words}` } : {};
}
