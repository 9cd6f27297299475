import { findPhrase, type PhraseTable } from './match.js';
import type { RhostRules } from './rhost.js';

/**
 * Mimecast (*.mimecast.com) answers with fixed sentences from its published SMTP error table,
 * often with a link: "554 Host network not allowed - https://community.mimecast.com/...".
 */
const SENTENCES: PhraseTable = [
  [
    'authfailure',
    [
      // "550 SPF Sender Invalid - envelope rejected" (likewise DKIM / DMARC)
      'spf sender invalid - envelope rejected',
      'dkim sender invalid - envelope rejected',
      'dmarc sender invalid - envelope rejected',
    ],
  ],
  [
    'badreputation',
    [
      // "550 Local CT IP Reputation - (reject)"
      'local ct ip reputation',
    ],
  ],
  [
    'blocked',
    [
      // "451 IP Temporarily Blacklisted" / "421 Sender address blocked" (a Blocked Senders policy)
      'ip temporarily blacklisted',
      'sender address blocked',
    ],
  ],
  [
    'policyviolation',
    [
      // "554 Host network not allowed": a geographical restriction policy refused the sending network
      'host network not allowed',
      'anti-spoofing policy',
      'content examination policy',
    ],
  ],
  [
    'rejected',
    [
      // "550 Administrative prohibition envelope blocked" / "Envelope rejected - block policy for envelope from"
      'administrative prohibition envelope blocked',
      'block policy for envelope from',
      'block policy for header from',
    ],
  ],
  [
    'virusdetected',
    [
      // "554 Email rejected due to security policies": a virus signature or a spam score over the maximum
      'email rejected due to security policies',
    ],
  ],
  [
    'securityerror',
    [
      // "553 This route requires encryption (TLS)" / "... TLS version 1.2 or greater"
      'this route requires encryption',
      'this route requires tls version',
      'this route requires high-strength ciphers',
    ],
  ],
  [
    'mesgtoobig',
    [
      // "554 Maximum email size exceeded"
      'maximum email size exceeded',
    ],
  ],
  [
    'networkerror',
    [
      // "554 Mail loop detected"
      'mail loop detected',
    ],
  ],
  [
    'norelaying',
    [
      // "451 Open relay not allowed"
      'open relay not allowed',
    ],
  ],
  [
    'toomanyconn',
    [
      // "451 Account service is temporarily unavailable": too many concurrent inbound connections
      'account service is temporarily unavailable',
      'exceeding outbound thread limit',
    ],
  ],
];

export const mimecast: RhostRules = {
  id: 'mimecast',
  hosts: ['mimecast.com'],
  reason(input) {
    return findPhrase(input.text, SENTENCES);
  },
};
