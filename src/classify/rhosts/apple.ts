import { findPhrase, type PhraseTable } from './match.js';
import type { RhostRules } from './rhost.js';

/** Apple iCloud Mail (mx*.mail.icloud.com, *.me.com, mail-in*.apple.com, privaterelay.appleid.com). */
const SENTENCES: PhraseTable = [
  [
    'hasmoved',
    [
      // "550 5.1.6 recipient no longer on server: x@icloud.com"
      'recipient no longer on server',
    ],
  ],
  [
    'userunknown',
    [
      // "550 5.1.1 <x@icloud.com>: inactive email address" / "550 5.1.1 unknown or illegal alias: x@me.com"
      'inactive email address',
      'unknown or illegal alias',
    ],
  ],
  [
    'mailboxfull',
    [
      // "552 5.2.2 <x@icloud.com>: user is over quota"
      'user is over quota',
    ],
  ],
  [
    'authfailure',
    [
      // "554 5.7.1 Your message was rejected due to example.org's DMARC policy."
      "'s dmarc policy",
      // "554 5.7.1 [HME1] This message was blocked for failing both SPF and DKIM authentication checks."
      'failing both spf and dkim',
    ],
  ],
  [
    'blocked',
    [
      // "550 5.7.1 Mail from IP 192.0.2.1 was rejected due to listing in Spamhaus SBL."
      'rejected due to listing in spamhaus',
      'domain present in the spamhaus',
      // "554 mr00p00im-smtpin001.me.com ESMTP not accepting connections"
      'esmtp not accepting connections',
      'support.proofpoint.com/dnsbl-lookup',
    ],
  ],
  [
    'policyviolation',
    [
      // "550 5.7.1 [CS01] Message rejected due to local policy."
      '[cs01]',
      'message rejected due to local policy',
    ],
  ],
  [
    'speeding',
    [
      // "421 4.7.1 Messages to x@icloud.com deferred due to excessive volume. Try again later"
      'deferred due to excessive volume',
    ],
  ],
];

const DOMAINS = ['icloud.com', 'me.com', 'mac.com'];

export const apple: RhostRules = {
  id: 'apple',
  hosts: [...DOMAINS, 'apple.com', 'me.com.akadns.net', 'privaterelay.appleid.com'],
  recipientDomains: DOMAINS,
  reason(input) {
    return findPhrase(input.text, SENTENCES);
  },
};
