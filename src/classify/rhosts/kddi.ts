import { findPhrase, type PhraseTable } from './match.js';
import type { RhostRules } from './rhost.js';

/**
 * au by KDDI (lsean.ezweb.ne.jp, msmx.au.com). Its servers say "User unknown" in two ways:
 * with the address ("550 <x@ezweb.ne.jp>: User unknown") when the mailbox does not exist, and
 * without it ("550 : User unknown") when the recipient's own reception filter refused the sender.
 * Relays that quote the reply (Yahoo, Oracle Messaging Server, Google) often drop the command it
 * answered, so the form of the sentence is what tells the two apart.
 */
const SENTENCES: PhraseTable = [
  [
    'userunknown',
    [
      // "550 <x@ezweb.ne.jp>: User unknown": the address itself is unknown
      '>: user unknown',
    ],
  ],
  [
    'filtered',
    [
      // "550 : User unknown" (also "550: : User unknown" when a relay re-quotes it)
      '550 : user unknown',
      '550: : user unknown',
    ],
  ],
  [
    'suspend',
    [
      // "The user(s) account is disabled.": the subscriber's line is suspended
      'the user(s) account is disabled',
    ],
  ],
];

const DOMAINS = ['ezweb.ne.jp', 'au.com'];

export const kddi: RhostRules = {
  id: 'kddi',
  hosts: DOMAINS,
  recipientDomains: [...DOMAINS, ...DOMAINS.map((domain) => `.${domain}`)],
  reason(input) {
    return findPhrase(input.text, SENTENCES);
  },
};
