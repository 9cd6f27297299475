import type { PhraseList } from './phrase.js';

/** The message is larger than the receiving system accepts (5.3.4). */
export const mesgtoobig: PhraseList = [
  // SES, Exchange, QQ, Postfix: 552 5.3.4 Message too large / 552 5.3.4 Error: message file too big
  'message too large',
  'message too big',
  'message is too large',
  'message is too big',
  'message file too big',
  'email is too large',
  'size too large',
  // Sendmail, Exchange: 552 5.3.4 Message size exceeds fixed maximum message size: 10485760 bytes
  'message size exceeds',
  'exceeds fixed maximum message size',
  'max message size exceeded',
  'maximum message size exceeded',
  'exceeded maximum inbound message size',
  // Gmail: 552 5.3.4 Your message exceeded Google's message size limits.
  // 1&1 / IONOS: Mail size limit exceeded.
  'message size limit',
  'mail size limit exceeded',
  // Orange: 552 5.3.4 Taille limite du message atteinte
  'taille limite du message atteinte',
  // Exim: 500 Line limit exceeded
  'line limit exceeded',
];
