import type { PhraseList } from './phrase.js';

/**
 * The recipient's mailbox is full. Never a bare "quota exceeded": "daily sending quota exceeded"
 * and "submission quota exceeded" are the *sender's* rate limits.
 */
export const mailboxfull: PhraseList = [
  // Sendmail, Exchange, Outlook.com, Yahoo, SES:
  // 552 5.2.2 <jdoe@example.org>... Mailbox Full / STOREDRV.Deliver: mailbox full
  'mailbox full',
  'mailbox is full',
  'mailbox for user is full',
  'full mailbox',
  'mailfolder is full',
  // KDDI: As their mailbox is full.
  // Postfix/Dovecot, iCloud, Messaging Server: 552 5.2.2 <jdoe@example.org>: user is over quota
  'over quota',
  'overquota',
  // Postfix local(8), Dovecot, qmail: Disk quota exceeded / 552 Error: disk quota exceeded
  'disk quota exceeded',
  'disc quota exceeded',
  'diskspace quota',
  'storage quota exceeded',
  'mailbox quota',
  'mail quota exceeded',
  'email quota exceeded',
  'user quota exceeded',
  'maildir quota',
  // Dovecot LDA: Quota exceeded message delivery failed to /var/mail/jdoe/INBOX
  ['quota exceeded', 'delivery failed to'],
  // Gmail: 452 4.2.2 The recipient's inbox is out of storage space.
  'out of storage space',
  // RFC 5321 text of 552, used by Exchange and others for full mailboxes:
  // 552 5.2.2 Requested mail action aborted: exceeded storage allocation
  'exceeded storage allocation',
  // Yandex, IMail, Biglobe:
  // 552 5.2.2 Mailbox size limit exceeded / User mailbox exceeds allowed size
  'mailbox size limit exceeded',
  'mailbox exceeds',
  'mailbox has exceeded',
  'mailbox exceeded the local limit',
  'mailbox would exceed maximum allowed storage',
  'does not have enough space',
  // Dovecot, when the user's filesystem quota (EDQUOT) is hit: Not enough disk space
  'not enough disk space',
  'not enough storage space in',
  // docomo: 552 Too much mail data jdoe@docomo.ne.jp
  'too much mail data',
  // Orange / La Poste: 552 5.1.1 Boite du destinataire pleine. Recipient overquota. OFR_417
  'boite du destinataire pleine',
  // GoDaddy: Account storage limit
  'account storage limit',
  // Tencent, 163: The user's space has been used up
  'space has been used up',
  'user has too many messages on the server',
];
