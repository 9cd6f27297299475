import type { PhraseList } from './phrase.js';

/** The recipient moved away and this address no longer receives mail (5.1.6, 551). */
export const hasmoved: PhraseList = [
  // iCloud: 550 5.1.6 recipient no longer on server: jdoe@icloud.com
  'recipient no longer on server',
  // RFC 3463 text of 5.1.6: 550 5.1.6 Destination mailbox has moved, No forwarding address
  'mailbox has moved',
  'recipient has moved',
  // 551 of RFC 5321: 551 User not local; please try <jdoe@example.net>
  'user not local; please try',
  // Comcast and others answer 551 for addresses that left: 551 not our customer
  'not our customer',
  'not our user',
  // Address rewriting notices: address jdoe@example.org has been replaced by jdoe@example.net
  'has been replaced by',
];
