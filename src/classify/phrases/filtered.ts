import type { PhraseList } from './phrase.js';

/**
 * The recipient exists but its own settings refused the mail. Many "filtered" bounces only say
 * "user unknown" after DATA (docomo, au): those are told by the SMTP command, not by text.
 */
export const filtered: PhraseList = [
  // qmail with a badrcptto patch: 553 sorry, your envelope recipient is in my badrcptto list (#5.7.1)
  'recipient is in my badrcptto list',
  // Amazon SES inbound: 550 5.2.0 Message Filtered
  'message filtered',
  // Facebook: 550 5.1.1 RCP-P2 ... Refused due to recipient preferences
  'refused due to recipient preferences',
  // Willcom, Japanese carriers: 550 recipient id refuse to receive mail
  'refuse to receive mail',
  'refuses to receive this mail',
  // AOL: 554 Recipient is only accepting mail from specific email addresses
  'is only accepting mail from specific email addresses',
  // AT&T: The recipient has restricted SMS e-mail
  'has restricted sms e-mail',
  // 550 5.7.1 Message rejected due to user rules
  'message rejected due to user rules',
  'rejected by recipient’s filter',
  "rejected by recipient's filter",
  "rejected by the recipient's filter",
  // 550 5.7.1 You have been blocked by the recipient
  'you have been blocked by the recipient',
  'account is protected by',
];
