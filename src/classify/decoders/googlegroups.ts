import { findAddress } from '../address.js';
import type { Decoder, RecipientFact } from '../types.js';
import { beforeOriginal } from './text-report.js';
import { hintsOf } from './mail-hints.js';

/**
 * Google Groups refusing a post, in the sender's language, from mailer-daemon@googlemail.com:
 *
 *   X-Failed-Recipients: some-group@googlegroups.com
 *
 *   Hello someone@example.org,
 *   We're writing to let you know that the group you tried to contact (some-group) may not exist,
 *   or you may not have permission to post messages to the group. ...
 *   If you have questions ..., visit the Help Center at https://groups.google.com/support/.
 *
 * The wording is translated, the help-centre link and the header are not. Either way the post was
 * refused by the group, not by a mailbox.
 */
const HELP_CENTRE = 'https://groups.google.com/support/';

export const googlegroups: Decoder = {
  id: 'googlegroups',
  cues: ['mailer-daemon@googlemail.com'],
  recognises: (mail) =>
    hintsOf(mail).fromLower.includes('mailer-daemon@googlemail.com') &&
    mail.headers.has('x-failed-recipients'),
  decode(mail) {
    const text = mail.text();
    if (!text.includes(HELP_CENTRE)) return undefined;
    const diagnosticCode = beforeOriginal(text, ['----- original message -----']).replace(/\s+/g, ' ').trim();
    const recipients: RecipientFact[] = [];
    for (const value of mail.headers.getAll('x-failed-recipients')) {
      for (const part of value.split(',')) {
        const found = findAddress(part);
        if (!found) continue;
        recipients.push({
          recipient: found.address,
          action: 'failed',
          diagnosticCode,
          reason: 'rejected',
          rule: 'googlegroups: the group may not exist or does not accept posts from this sender',
        });
      }
    }
    return { recipients };
  },
};
