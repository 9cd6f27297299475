import { findAddress } from '../address.js';
import type { Decoder, ParsedMessage, RecipientFact } from '../types.js';
import { beforeOriginal } from './text-report.js';
import { hintsOf, receivedIncludes } from './mail-hints.js';

/**
 * McAfee MX Logic (an Exim derivative: "mxl_mta-" in its Received header): Exim's wording, but the
 * reply follows the address on the same line, and only the original's header is returned:
 *
 *   ... The following address failed:
 *     <user@example.org>: 550 5.1.1 <user@example.org>: Recipient address rejected
 *   Included is a copy of the message header:
 */
export const mxlogic: Decoder = {
  id: 'mxlogic',
  cues: ['mxlogic.net', '(mxl_mta-', 'mail delivery failed'],
  recognises: (mail) =>
    isMxLogic(mail) || (mail.headers.get('subject') ?? '').trim() === 'Mail delivery failed',
  decode(mail) {
    // Without a header naming MX Logic, only its own closing line tells it from Exim proper.
    if (!isMxLogic(mail) && !mail.text().includes('Included is a copy of the message header'))
      return undefined;
    const text = beforeOriginal(mail.text(), [
      'included is a copy of the message header',
      '------ this is a copy of',
    ]);
    const recipients: RecipientFact[] = [];
    let current: RecipientFact | undefined;
    let started = false;
    for (const raw of text.split('\n')) {
      const line = raw.trim();
      if (!started) {
        started = /following address(?:es)? failed/.test(line);
        continue;
      }
      if (line === '') {
        current = undefined;
        continue;
      }
      const found = line.startsWith('<') ? findAddress(line) : undefined;
      if (found && line.slice(found.end).startsWith('>:')) {
        current = { recipient: found.address, diagnosticCode: line.slice(found.end + 2).trim() || undefined };
        recipients.push(current);
      } else if (current) {
        current.diagnosticCode = `${current.diagnosticCode ?? ''} ${line}`.trim();
      }
    }
    return recipients.length > 0 ? { recipients } : undefined;
  },
};

function isMxLogic(mail: ParsedMessage): boolean {
  if (hintsOf(mail).fromLower.includes('mxlogic.net')) return true;
  return receivedIncludes(mail, '(mxl_mta-');
}
