import type { PhraseList } from './phrase.js';

/** The receiving server failed internally or is misconfigured. Lowest of the recipient reasons. */
export const systemerror: PhraseList = [
  // WorkMail, DragonFly: 550 5.3.5 <jdoe@example.org>... Internal System Error
  'internal system error',
  'internal server error',
  'internal error',
  'system error',
  // RFC 5321 text of 451: 451 4.3.0 Requested action aborted: local error in processing
  'local error in processing',
  'temporary local problem',
  // Google: 421 4.3.0 Temporary System Problem. Try again later.
  'temporary system problem',
  // Misconfigured receivers: 554 5.3.5 System incorrectly configured / Local configuration error
  'local configuration error',
  'mail system configuration error',
  'server configuration error',
  'system config error',
  'system incorrectly configured',
  'remote server is misconfigured',
  'misconfigured forwarding address',
  'mailing list expansion problem',
  // Mail loops the receiver detected in its own aliases: 554 5.3.5 loops back to myself
  'loops back to myself',
  'aliasing/forwarding loop broken',
  'it would create a mail loop',
  'loop was found in the mail exchanger',
  // Sendmail: 550 5.0.0 <jdoe@example.org>... Insufficient permission
  'insufficient permission',
  "can't create user output file",
  'queue file write error',
  'interrupted system call',
  'timeout waiting for input',
  // MXLogic: 451 Could not load DRD for domain (example.org)
  'could not load drd for domain',
  // Exchange: Recipient deferred because there is no Mdb
  'recipient deferred because there is no mdb',
  'message failed to be replicated',
  '(suspiciousremoteservererror)',
  'pfa agent busy',
  // Outlook.com: 554 Transaction failed
  'transaction failed',
  // SurfControl and generic 421s: 554 Service currently unavailable / 421 Service not available
  'service currently unavailable',
  'service not available',
  'server busy',
  // Orange / La Poste code 505: 421 4.2.0 Service refuse. ... Service refused, please try later. OFR005_505
  ['service refused, please try later', '_505'],
];
