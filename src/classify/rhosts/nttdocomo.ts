import { findPhrase, type PhraseTable } from './match.js';
import type { RhostRules } from './rhost.js';

/**
 * NTT docomo (mfsmax.docomo.ne.jp). docomo answers "550 Unknown user x@docomo.ne.jp" both for a
 * missing mailbox (at RCPT) and for a sender refused by the recipient's reception settings (after
 * DATA, so the address exists). The sending MTA's status tells which: 5.1.1 for the first, 5.2.0
 * for the second; a bare 5.0.0 with the refusal after DATA is the sender being refused. The generic
 * rule ("user unknown" after DATA means a filter) would get the first wrong when a transcript shows
 * a DATA attempt after the refused RCPT.
 */
const SENTENCES: PhraseTable = [
  // "552 Too much mail data x@docomo.ne.jp": the mailbox is full
  ['mailboxfull', ['552 too much mail data']],
  // "552 Too many recipients"
  ['toomanyconn', ['552 too many recipients']],
];

export const nttdocomo: RhostRules = {
  id: 'nttdocomo',
  hosts: ['docomo.ne.jp'],
  recipientDomains: ['docomo.ne.jp'],
  reason(input) {
    const own = findPhrase(input.text, SENTENCES);
    if (own || !input.text.includes('unknown user')) return own;
    if (input.status === '5.1.1') return { reason: 'userunknown', matched: 'unknown user (status 5.1.1)' };
    if (input.status === '5.2.0') return { reason: 'filtered', matched: 'unknown user (status 5.2.0)' };
    const afterData = input.smtpCommand === 'DATA' || input.text.includes('end of data');
    if (input.status === '5.0.0' && afterData)
      return { reason: 'rejected', matched: 'unknown user (after DATA)' };
    return undefined;
  },
};
