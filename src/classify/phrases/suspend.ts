import type { PhraseList } from './phrase.js';

/**
 * The recipient's mailbox exists but is suspended, disabled, locked or archived. Only
 * recipient-shaped wording: "your account has been suspended" is said to senders too.
 */
export const suspend: PhraseList = [
  // GoDaddy, DragonFly, EZweb: 525 5.7.13 Recipient address rejected: User account disabled
  'account disabled',
  'account is disabled',
  // Yahoo/AOL: 554 delivery error: dd This account has been disabled or discontinued [#102].
  'account has been disabled',
  'mailbox disabled',
  'mailbox is disabled',
  // RFC 3463 text of 5.7.13: 525 5.7.13 Disabled recipient address
  'disabled recipient',
  // Gmail: 550 5.2.1 The email account that you tried to reach is disabled. / ... is inactive.
  'account that you tried to reach is disabled',
  'account that you tried to reach is inactive',
  // Yahoo: 554 delivery error: dd jdoe@yahoo.com is no longer valid.
  ['delivery error: dd', 'is no longer valid'],
  // 163.com, SFR and others: 550 User suspended / Mailbox currently suspended
  'user suspended',
  'mailbox suspended',
  'mailbox is suspended',
  'mailbox currently suspended',
  'is currently suspended',
  'account has been temporarily suspended',
  'recipient suspend the service',
  // 550 5.7.1 Recipient address rejected: User jdoe@example.org temporary locked
  'temporary locked',
  'temporarily locked',
  // vpopmail: vdelivermail: account is locked email bounced
  'account is locked',
  // i.ua: 550 Mailbox is frozen.
  'mailbox is frozen',
  // La Poste: 550 5.5.0 Le compte du destinataire est bloque. The recipient account is blocked. LPN007_426
  'le compte du destinataire est bloque',
  'recipient account is blocked',
  // La Poste: 550 5.5.0 Boite du destinataire archivee. Archived recipient. LPN007_420
  'boite du destinataire archivee',
  'archived recipient',
  // QQ: 550 jdoe@qq.com is a deactivated mailbox
  'deactivated mailbox',
  'mailbox has been deactivated',
  'inactive account',
  'invalid/inactive user',
  'user is terminated',
  'user or domain is disabled',
  'temporarily inactive',
  // Office 365: 550 5.7.505 Access denied, banned recipient
  'access denied, banned recipient',
];
