import type { PhraseList } from './phrase.js';

/** authfailure: the sending domain failed SPF, DKIM or DMARC at the receiving server. */
export const authfailure: PhraseList = [
  // DMARC
  // 550 5.7.26 Unauthenticated email from example.com is not accepted due to domain's DMARC policy (Gmail)
  "due to domain's dmarc policy",
  // 550 5.7.509 Access denied, sending domain [EXAMPLE.COM] does not pass DMARC verification (Outlook.com)
  'does not pass dmarc',
  'not pass dmarc',
  // 554 5.7.1 Your message was rejected due to example.com's DMARC policy (iCloud)
  // 550 5.7.1 Email rejected per DMARC policy for example.com (Zoho)
  // 550 5.7.1 This message was not accepted due to domain (example.com) owner DMARC policy (Mail.ru)
  'dmarc policy',
  // 550 DMARC check failed (QQ) / 5.7.1 DMARC verification failed / DMARC validation failed
  ['dmarc', 'check fail'],
  ['dmarc', 'verification fail'],
  ['dmarc', 'validation fail'],
  ['dmarc', 'authentication fail'],
  'dmarc reject',
  'rejected by dmarc',
  'dmarc authentication',
  'verification dmarc en echec',
  // SPF
  // 550 5.7.26 The MAIL FROM domain [example.com] has an SPF record with a hard fail policy (-all) but it fails to pass SPF checks (Gmail)
  'fails to pass spf',
  'fail to pass spf',
  'spf record with a hard fail',
  // 550 5.7.23 The message was rejected because of Sender Policy Framework violation (Exchange)
  'sender policy framework',
  // Sender ID (RFC 4407), Courier: 550 5.7.1 can't determine Purported Responsible Address
  'purported responsible address',
  // 550 Bad SPF records for [example.com:192.0.2.1], see http://spf.pobox.com/
  'bad spf record',
  'spf.pobox.com',
  // 550 5.1.0 192.0.2.1 is not allowed to send from <example.com> per it's SPF Record (GoDaddy)
  "per it's spf record",
  'per its spf record',
  'inspect your spf settings',
  // 550 5.7.1 SPF check failed / SPF Check: fail / Rejected by SPF / SPF validation error
  ['spf', 'check fail'],
  ['spf', 'checks fail'],
  ['spf', 'validation fail'],
  ['spf', 'verification fail'],
  ['spf', 'authentication fail'],
  ['spf', 'record', 'fail'],
  'spf fail',
  'rejected by spf',
  'rejected due to spf',
  'due to spf',
  'spf check',
  'spf validation',
  'spf verification',
  'spf softfail',
  'spf hardfail',
  'spf permerror',
  'not designated as permitted sender',
  'not a permitted sender',
  // 421 4.7.24 The SPF record of the sending domain has one or more suspicious entries (Gmail)
  'the spf record of the sending domain',
  // Orange / La Poste: 550 5.5.0 SPF: 192.0.2.1 is not allowed to send mail. LPN004_401
  ['is not allowed to send mail', '_401'],
  // DKIM
  // 550 5.7.1 DKIM signature verification failed / DKIM check failed / invalid DKIM signature
  ['dkim', 'check fail'],
  ['dkim', 'verification fail'],
  ['dkim', 'validation fail'],
  ['dkim', 'signature fail'],
  'dkim fail',
  'rejected by dkim',
  'due to dkim',
  'dkim signature',
  'dkim verification',
  'dkim validation',
  'dkim check',
  'invalid dkim',
  'no valid dkim',
  // Any of them
  // 550-5.7.26 This message does not have authentication information or fails to pass authentication checks (SPF or DKIM) (Gmail)
  'fails to pass authentication checks',
  'does not have authentication information',
  'authentication checks failed',
  // 421 4.7.26 / 550 5.7.26 Gmail requires all senders to authenticate with either SPF or DKIM
  'authenticate with either spf or dkim',
  'must pass either spf or dkim',
  'authenticate with spf',
  'authenticate with dkim',
  'authenticate their email with spf',
  // 550 5.7.9 This mail has been blocked because the sender is unauthenticated (Yahoo)
  'because the sender is unauthenticated',
  'sender is unauthenticated',
  'unauthenticated email',
  // Cox: 550 ... AUP#CXSNDR (failed SPF/DKIM checks against the sending domain)
  'aup#cxsndr',
  // 550 5.7.1 Email rejected because of authentication failure (ARC/DMARC), Authentication-Results ... fail
  'sender authentication failed',
  'domain authentication fail',
];
