import { findPhrase, type PhraseTable } from './match.js';
import type { RhostRules } from './rhost.js';

/**
 * Tencent QQ Mail (mx1.qq.com, mx3.qq.com...). Each refusal is a short English sentence followed by
 * a link to its help page: "550 Ip frequency limited [...]. http://service.mail.qq.com/...".
 */
const SENTENCES: PhraseTable = [
  [
    'toomanyconn',
    [
      // "550 Ip frequency limited" / "550 Connection frequency limited": too many connections or mails
      'ip frequency limited',
      'domain frequency limited',
      'sender frequency limited',
      'connection frequency limited',
    ],
  ],
  [
    'authfailure',
    [
      // "550 DMARC check failed." / "550 SPF check failed."
      'dmarc check failed',
      'spf check failed',
    ],
  ],
  [
    'blocked',
    [
      // "550 Suspected bounce attacks" / "550 Suspected spam ip" / "550 Connection denied"
      'suspected bounce attacks',
      'suspected spam ip',
    ],
  ],
  [
    'spamdetected',
    [
      // "550 Spam is embedded in the email" / "550 Mail content denied"
      'spam is embedded in the email',
      'mail content denied',
    ],
  ],
  [
    'rejected',
    [
      // "550 Mail is rejected by recipients": the recipient blocked this sender
      'mail is rejected by recipients',
    ],
  ],
  [
    'suspend',
    [
      // "550 x@qq.com is a deactivated mailbox"
      'is a deactivated mailbox',
    ],
  ],
  [
    'mesgtoobig',
    [
      // "552 Message too large"
      'message too large',
    ],
  ],
];

export const tencent: RhostRules = {
  id: 'tencent',
  hosts: ['qq.com'],
  recipientDomains: ['qq.com', 'foxmail.com'],
  reason(input) {
    return findPhrase(input.text, SENTENCES);
  },
};
