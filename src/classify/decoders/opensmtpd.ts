import { findAddress } from '../address.js';
import type { Reason } from '../reasons.js';
import type { Decoder, RecipientFact } from '../types.js';
import { beforeOriginal } from './text-report.js';
import { receivedIncludes } from './mail-hints.js';

/**
 * OpenSMTPD's bounce (smtpd/bounce.c): an indented preamble, then one unindented line per recipient
 * with the error, then an indented trailer:
 *
 *       This is the MAILER-DAEMON, please DO NOT REPLY to this e-mail.
 *       An error has occurred while attempting to deliver a message for
 *       the following list of recipients:
 *
 *   user@example.org: 550 5.1.1 <user@example.org>: Recipient address rejected
 *
 *       Below is a copy of the original message:
 */
export const opensmtpd: Decoder = {
  id: 'opensmtpd',
  cues: ['delivery status notification:', '(opensmtpd)'],
  recognises(mail) {
    if ((mail.headers.get('subject') ?? '').startsWith('Delivery status notification:')) return true;
    return receivedIncludes(mail, '(OpenSMTPD)');
  },
  decode(mail) {
    const text = beforeOriginal(mail.text(), ['    below is a copy of the original message']);
    const start = text.indexOf('This is the MAILER-DAEMON, please DO NOT REPLY');
    if (start === -1) return undefined;
    const delayed = text.includes('A message is delayed for more than');
    const recipients: RecipientFact[] = [];
    for (const line of text.slice(start).split('\n')) {
      // Only the recipient lines start at column 0; the surrounding prose is indented.
      if (line === '' || line[0] === ' ' || line[0] === '\t') continue;
      const found = findAddress(line);
      if (!found || found.start !== 0 || line[found.end] !== ':') continue;
      recipients.push(recipientFact(found.address, line.slice(found.end + 1).trim(), delayed));
    }
    return recipients.length > 0 ? { recipients } : undefined;
  },
};

/** OpenSMTPD's own words when no server replied (mta.c, smtpd.h), as it writes them in the bounce. */
const OWN_WORDS: readonly (readonly [string, Reason])[] = [
  ['Domain does not exist', 'hostunknown'],
  ['Invalid domain name', 'hostunknown'],
  ['No MX found for domain', 'notaccept'],
  ['Envelope expired', 'expired'],
  ['Network error on destination MXs', 'networkerror'],
  ['Temporary failure in MX lookup', 'networkerror'],
  ['Loop detected', 'networkerror'],
];

function recipientFact(recipient: string, error: string, delayed: boolean): RecipientFact {
  const fact: RecipientFact = { recipient, diagnosticCode: error, action: delayed ? 'delayed' : 'failed' };
  if (/^[245]\d\d[\s-]/.test(error)) return fact;
  const own = OWN_WORDS.find(([words]) => error.startsWith(words));
  if (own) {
    fact.reason = own[1];
    fact.rule = `opensmtpd: ${own[0]}`;
  }
  return fact;
}
