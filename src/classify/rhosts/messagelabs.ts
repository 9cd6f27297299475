import { findPhrase, type PhraseTable } from './match.js';
import type { RhostRules } from './rhost.js';

/** Broadcom (Symantec) Email Security.cloud, formerly MessageLabs (*.messagelabs.com). */
const SENTENCES: PhraseTable = [
  [
    'securityerror',
    [
      // "Please turn on SMTP Authentication in your mail client. [host] is not permitted to relay"
      'please turn on smtp authentication in your mail client',
    ],
  ],
  [
    'authfailure',
    [
      // "553 DMARC domain authentication fail" / "553-SPF (Sender Policy Framework) domain authentication fail"
      'domain authentication fail',
    ],
  ],
  [
    'badreputation',
    [
      // "501 Connection rejected by policy [7.7] 20805": the IP's reputation at Symantec is poor
      'connection rejected by policy',
    ],
  ],
  [
    'blocked',
    [
      // "553-mail rejected because your IP is in the PBL. See http://www.spamhaus.org/pbl"
      'mail rejected because your ip is in the pbl',
    ],
  ],
  [
    'rejected',
    [
      // "550 sender envelope domain not allowed for sender IP address (#5.1.8)"
      'sender envelope domain not allowed for sender ip address',
      // "553 sorry, your envelope sender is in my badmailfrom list"
      'your envelope sender is in my badmailfrom list',
      // "553-Sorry, your email address / domain has been blacklisted" (the recipient's own block list)
      'your email address has been blacklisted',
      'your domain has been blacklisted',
    ],
  ],
  [
    'contenterror',
    [
      // "553 Stray linefeeds in message (#5.6.2)"
      'stray linefeeds in message',
    ],
  ],
  [
    'userunknown',
    [
      // "553 Recipient mailbox is not allowed"
      'recipient mailbox is not allowed',
    ],
  ],
  [
    'toomanyconn',
    [
      // "452 Too many recipients received this hour"
      'too many recipients received this hour',
    ],
  ],
];

export const messagelabs: RhostRules = {
  id: 'messagelabs',
  hosts: ['messagelabs.com'],
  reason(input) {
    return findPhrase(input.text, SENTENCES);
  },
};
