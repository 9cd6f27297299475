import type { PhraseList } from './phrase.js';

/**
 * The message went over a limit the recipient (not the system) set: 5.2.3. Replies that only say
 * "message size exceeds" are told apart from mesgtoobig by their status code, not by text.
 */
export const exceedlimit: PhraseList = [
  // RFC 3463 text of 5.2.3: 552 5.2.3 Message length exceeds administrative limit
  'message length exceeds',
  // SES inbound: 552 5.2.3 Message length exceeds limit set by recipient
  'exceeds limit set by recipient',
  // 552 5.2.3 Message header size exceeds limit
  'message header size exceeds limit',
];
