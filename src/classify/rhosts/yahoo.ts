import { findPhrase, under, type PhraseTable } from './match.js';
import type { RhostRules } from './rhost.js';

/**
 * Yahoo Inc.'s inbound servers (*.yahoodns.net, which also take AOL's mail) and AOL's own relays
 * (*.mx.aol.com). Yahoo tags its replies with bracketed codes ([TSS04], [BL21], [PH01]) next to a
 * fixed sentence. Only these servers are owned, not the yahoo.com recipient domain nor the older
 * *.yahoo.com hosts: a relay quoting a Yahoo sentence may have cut it, and a reply after DATA from
 * elsewhere is better left to the generic rules.
 */
const SENTENCES: PhraseTable = [
  [
    'userunknown',
    [
      // "554 delivery error: dd This user doesn't have a yahoo.com account (x@yahoo.com) [0]"
      "dd this user doesn't have a",
    ],
  ],
  [
    'suspend',
    [
      // "554 delivery error: dd x@yahoo.com is no longer valid." / "This mailbox is disabled (554.30)"
      'is no longer valid.',
      'this mailbox is disabled',
    ],
  ],
  [
    'authfailure',
    [
      // "550 5.7.9 This mail has been blocked because the sender is unauthenticated. Yahoo requires
      // all senders to authenticate with either SPF or DKIM."
      'yahoo requires all senders to authenticate',
    ],
  ],
  [
    'blocked',
    [
      // "553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in
      // Spamhaus's list" / "[BL23] Connections not accepted from IP addresses on Spamhaus XBL"
      '[bl21]',
      '[bl22]',
      '[bl23]',
      "because the ip is in spamhaus's list",
      'not accepted from ip addresses on spamhaus',
    ],
  ],
  [
    'rejected',
    [
      // "421 4.7.0 [TSS04] Messages from 192.0.2.1 temporarily deferred due to unexpected volume or user
      // complaints": Yahoo gives this for volume, complaints and unauthenticated senders alike.
      '[tss04]',
      // "553 5.7.2 [TSS09] All messages from 192.0.2.1 will be permanently deferred; Retrying will NOT
      // succeed."
      '[tss09]',
      '[tss11]',
      'will be permanently deferred',
      // "451 Message temporarily deferred due to unresolvable RFC.5321 from domain"
      'unresolvable rfc.5321',
    ],
  ],
  [
    'policyviolation',
    [
      // "554 5.7.9 Message not accepted for policy reasons." / "[PH01] Email not accepted for policy reasons"
      'not accepted for policy reasons',
    ],
  ],
  [
    'notcompliantrfc',
    [
      // "554 5.7.9 Headers are not RFC compliant"
      'headers are not rfc compliant',
    ],
  ],
  [
    'speeding',
    [
      // "450 User is receiving mail too quickly"
      'user is receiving mail too quickly',
    ],
  ],
  [
    'toomanyconn',
    [
      // "421 Max message per connection reached, closing transmission channel"
      'max message per connection reached',
    ],
  ],
];

/** AOL's outbound servers report a broken MX answer of the recipient domain this way. */
const AOL_SENTENCES: PhraseTable = [
  [
    'notaccept',
    [
      // "Name service error for name=example.org type=MX: Malformed or unexpected name server reply":
      // the domain's DNS cannot name a mail server, so it takes no mail.
      'type=mx: malformed or unexpected name server reply',
    ],
  ],
];

export const yahoo: RhostRules = {
  id: 'yahoo',
  hosts: ['yahoodns.net', 'mx.aol.com'],
  reason(input) {
    const own = findPhrase(input.text, SENTENCES);
    if (own) return own;
    return under(input.remoteMta, ['mx.aol.com']) ? findPhrase(input.text, AOL_SENTENCES) : undefined;
  },
};
