import { findAddress } from '../address.js';
import type { Reason } from '../reasons.js';
import type { Decoder } from '../types.js';

/**
 * fml, a Japanese mailing-list manager, answers a post it refuses with a short plain-text notice
 * whose subject says why, and names the list on the first lines:
 *
 *   X-MLServer: fml [fml 4.0.3 release (20011202/4.0.3)]
 *   Subject: Loop Alert: Duplicated Message-ID (list ML)
 *
 *   Duplicated Message-ID in <list@example.org>.
 *
 *   Original mail as follows:
 *
 * The refused recipient is the list itself; the reason is fml's fixed wording, not a server reply.
 */
const SUBJECTS: readonly (readonly [string, Reason])[] = [
  [' are not member', 'rejected'],
  ['NOT MEMBER article from', 'rejected'],
  ['reject mail ', 'rejected'],
  ['Spam mail from a spammer is rejected', 'rejected'],
  ['fml system error message', 'systemerror'],
  ['Loop Alert: ', 'systemerror'],
  ['Loop Back Warning: ', 'systemerror'],
  ['WARNING: UNIX FROM Loop', 'systemerror'],
  ['Security Alert', 'securityerror'],
];

export const fml: Decoder = {
  id: 'fml',
  cues: ['fml '],
  recognises: (mail) => (mail.headers.get('x-mlserver') ?? '').startsWith('fml '),
  decode(mail) {
    const subject = mail.headers.get('subject') ?? '';
    const known = SUBJECTS.find(([wording]) => subject.includes(wording));
    if (!known) return undefined;
    const text = mail.text();
    const cut = text.indexOf('Original mail as follows:');
    const notice = (cut === -1 ? text : text.slice(0, cut)).replace(/\s+/g, ' ').trim();
    const recipient = findAddress(notice)?.address;
    if (!recipient) return undefined;
    return {
      recipients: [
        {
          recipient,
          action: 'failed',
          diagnosticCode: notice,
          reason: known[1],
          rule: `fml: ${known[0].trim()}`,
        },
      ],
    };
  },
};
