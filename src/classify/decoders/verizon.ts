import { findAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';
import { hintsOf } from './mail-hints.js';

/**
 * Verizon Wireless gateway bounces. The MMS gateway (vzwpix.com):
 *
 *   Message could not be delivered to mobile.
 *   Error: No valid recipients for this MM
 *   Original Message:
 *   To: 5555550100@vzwpix.com
 *
 * and the SMS gateway (vtext.com):
 *
 *   Error: Invalid user address
 *   Error message below:
 *   550 - Requested action not taken: no such user here
 *   Message details:
 *     RCPT TO: 5555550100@vtext.com
 */
const NOT_DELIVERED = 'Message could not be delivered to mobile.';
const ERROR = 'Error: ';
const BELOW = 'Error message below:';
/** The gateways' own words: no recipient of the message exists (MMS), no such subscriber (SMS). */
const NO_VALID_RECIPIENTS = 'No valid recipients for this MM';
const INVALID_USER = 'Invalid user address';

export const verizon: Decoder = {
  id: 'verizon',
  cues: ['vzwpix.com', 'vtext.com'],
  recognises: (mail) => {
    const from = hintsOf(mail).fromLower;
    return from.includes('vzwpix.com') || from.includes('vtext.com');
  },
  decode(mail) {
    const lines = mail
      .text()
      .split('\n')
      .map((line) => line.trim());
    const recipient = recipientOf(lines);
    if (!recipient) return undefined;
    const belowAt = lines.indexOf(BELOW);
    const errorLine = lines.find((line) => line.startsWith(ERROR));
    let diagnostic: string | undefined;
    if (belowAt !== -1) diagnostic = lines.slice(belowAt + 1).find((line) => line !== '');
    else if (errorLine && lines.includes(NOT_DELIVERED)) diagnostic = errorLine.slice(ERROR.length);
    if (!diagnostic) return undefined;
    const fact: RecipientFact = { recipient, action: 'failed', diagnosticCode: diagnostic };
    const own = [NO_VALID_RECIPIENTS, INVALID_USER].find(
      (words) => diagnostic.startsWith(words) || errorLine === `${ERROR}${words}`,
    );
    if (own) {
      fact.reason = 'userunknown';
      fact.rule = `verizon: ${own}`;
    }
    return { recipients: [fact] };
  },
};

/** "RCPT TO: someone@..." of the SMS gateway, else the To: of the quoted original. */
function recipientOf(lines: readonly string[]): string | undefined {
  const rcpt = lines.find((line) => line.startsWith('RCPT TO:'));
  if (rcpt) return findAddress(rcpt)?.address;
  const originalAt = lines.indexOf('Original Message:');
  if (originalAt === -1) return undefined;
  const to = lines.slice(originalAt).find((line) => line.startsWith('To:'));
  return to ? findAddress(to)?.address : undefined;
}
