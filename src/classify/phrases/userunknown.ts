import type { PhraseList } from './phrase.js';

/**
 * The recipient's local part does not exist at its domain. Highest rank of all: every phrase here
 * must say the *recipient* is unknown, never something a sender-side refusal could also say.
 */
export const userunknown: PhraseList = [
  // Sendmail, Postfix, Exchange, au/KDDI, Courier:
  // 550 5.1.1 <jdoe@example.org>... User unknown
  // 550 5.1.1 <jdoe@example.org>: Recipient address rejected: User unknown in virtual mailbox table
  'user unknown',
  // docomo, Courier, mail.local, McAfee, IMail: 550 Unknown user jdoe@example.org
  'unknown user',
  // Exchange 2003, Domino: 550 5.1.1 Unknown recipient / Recipient unknown
  'unknown recipient',
  'recipient unknown',
  'addressee unknown',
  // Exim on iCloud and elsewhere: 550 5.1.1 unknown or illegal alias: jdoe@example.org
  'unknown or illegal alias',
  'unknown or illegal user',
  // Exim routers: 550 Unknown local part jdoe in <jdoe@example.org>
  'unknown local part',
  'unknown local-part',
  'unknown mailbox',
  'mailbox unknown',
  // vpopmail: vdeliver: invalid or unknown virtual user 'jdoe'
  'unknown virtual user',

  // qmail, Yandex, McAfee, Verizon: 550 5.1.1 No such user here / 550 jdoe@example.org... No such user
  'no such user',
  'no such recipient',
  'no such mailbox',
  'no such address here',
  'no such person at this address',
  // qmail chkuser: 550 sorry, no mailbox here by that name (#5.1.1)
  'no mailbox here by that name',
  'no mailbox by that name',
  'no account by that name',

  // Postfix restriction classes and similar MTAs:
  // 554 5.7.1 <jdoe@example.org>: Recipient address rejected: Invalid user
  'recipient address rejected: invalid user',
  'recipient address rejected: unknown user',
  // Microsoft directory-based edge blocking (the address is not in the tenant's directory):
  // 550 5.4.1 Recipient address rejected: Access denied. AS(201806281)
  'recipient address rejected: access denied',

  // Exchange / Office 365:
  // 550 5.1.1 RESOLVER.ADR.RecipNotFound; not found
  // 550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup
  'recipnotfound',
  'recipientnotfound',
  'recipient not found',
  // Exchange: 550 5.1.1 Bad destination mailbox address (the RFC 3463 text of 5.1.1)
  'bad destination mailbox address',

  // iCloud, Zoho, Mail.ru, Rakuten, Apple private relay:
  // 550 5.1.1 <jdoe@example.org>: user does not exist / 550 User not found
  'user does not exist',
  "user doesn't exist",
  'user not exist',
  'user not found',
  'user not known',
  'is not a known user',
  'not a valid user',
  'not a valid recipient',
  'is not a valid mailbox',
  'recipient does not exist',
  'recipient address does not exist',
  'email address does not exist',
  'mailbox does not exist',
  // GoDaddy: 550 Account does not exist
  'account does not exist',
  // Yahoo, AOL, QQ: 552 1 Requested mail action aborted, mailbox not found
  'mailbox not found',
  // iCloud: 550 5.1.1 <jdoe@icloud.com>: inactive email address
  'inactive email address',
  // Mail.ru: 550 Message was not accepted -- invalid mailbox. Local mailbox is unavailable
  'invalid mailbox',
  // Outlook.com, GMX/web.de, Zoho (RFC 5321 text of 550, used by these for unknown accounts):
  // 550 5.5.0 Requested action not taken: mailbox unavailable
  'requested action not taken: mailbox unavailable',

  // Vodafone/SoftBank, Orange/Wanadoo, Bigfoot, Exchange:
  // 550 Invalid recipient: <jdoe@example.org>
  // 550 5.1.1 Adresse d au moins un destinataire invalide. Invalid recipient. OFR_416
  // (never bare 'invalid recipient': "too many invalid recipients" is a sender block)
  'invalid recipient:',
  'invalid recipient.',
  ['invalid recipient ', '@'],
  'invalid recipient address',
  'destinataire invalide',
  'utilisateur inconnu',
  // goo, NTT: 550 #5.1.0 Address rejected jdoe@example.org
  '5.1.0 address rejected',
  '5.1.1 address rejected',

  // Gmail / Google Workspace:
  // 550 5.1.1 The email account that you tried to reach does not exist. ... ?p=NoSuchUser
  'the email account that you tried to reach does not exist',
  'p=nosuchuser',
  'answer.py?answer=6596',
  'mail/answer/6596',

  // Yahoo: 554 delivery error: dd This user doesn't have a yahoo.com account (jdoe@yahoo.com)
  "this user doesn't have a",
  // IMail: Invalid final delivery userid: jdoe@example.org
  'invalid final delivery userid',
  // Domino / Notes: User jdoe (jdoe@example.org) not listed in Domino Directory
  'not listed in domino directory',
  'not listed in public name & address book',
];
