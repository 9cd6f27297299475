import { findPhrase, type PhraseTable } from './match.js';
import type { RhostMatch, RhostRules } from './rhost.js';

/**
 * Microsoft: Exchange Online / Microsoft 365 (*.protection.outlook.com, *.prod.outlook.com) and the
 * consumer Outlook.com / Hotmail servers. Exchange pairs a fixed sentence with a long enhanced code
 * (5.7.509, 5.7.606...) or an internal tag (RESOLVER.ADR.RecipientNotFound, S3150).
 */
const SENTENCES: PhraseTable = [
  [
    'userunknown',
    [
      // "550 5.1.10 RESOLVER.ADR.RecipientNotFound; Recipient not found by SMTP address lookup"
      'resolver.adr.recipientnotfound',
      'resolver.adr.recipnotfound',
      'resolver.adr.exrecipnotfound',
      'recipient not found by smtp address lookup',
      // Directory-based edge blocking: "550 5.4.1 Recipient address rejected: Access denied"
      'recipient address rejected: access denied',
      // Hotmail: "550 Requested action not taken: mailbox unavailable (-123:456:-789)"
      'requested action not taken: mailbox unavailable',
    ],
  ],
  [
    'hostunknown',
    [
      // Hotmail: "554 The mail could not be delivered to the recipient because the domain is not reachable"
      'because the domain is not reachable',
    ],
  ],
  [
    'authfailure',
    [
      // "550 5.7.509 Access denied, sending domain [X] does not pass DMARC verification and has a
      // DMARC policy of reject."
      'does not pass dmarc verification',
      // "... a message sent over IPv6 must pass either SPF or DKIM validation, this message is not signed"
      'must pass either spf or dkim validation',
      'rejected because of sender policy framework violation',
    ],
  ],
  [
    'securityerror',
    [
      // "550 5.7.515 Access denied, sending domain [X] doesn't meet the required authentication level"
      "doesn't meet the required authentication level",
      // "5.7.57 Client was not authenticated to send anonymous mail during MAIL FROM"
      'client was not authenticated to send anonymous mail',
    ],
  ],
  [
    'badreputation',
    [
      // "451 4.7.650 The mail server [ip] has been temporarily rate limited due to IP reputation. (S775)"
      'temporarily rate limited due to ip reputation',
    ],
  ],
  [
    'blocked',
    [
      // "550 5.7.606 Access denied, banned sending IP [ip]. To request removal from this list..."
      'access denied, banned sending ip',
      // "... please contact your Internet service provider since part of their network is on our block
      // list (S3150)" (S3140 is the same for a single address)
      'is on our block list (s3',
      'access denied, bad helo',
      'access denied, rejected by recipient',
      'access denied, banned sender',
      // "Client host [ip] blocked by example.org using Customer Block list (AS16012607)"
      'using customer block list',
    ],
  ],
  [
    'requireptr',
    [
      // Hotmail: "550 domain [example.com] mismatches client ip 192.0.2.1."
      'mismatches client ip',
      'must have a reverse dns record',
    ],
  ],
  [
    'rejected',
    [
      // "5.7.501 Access denied, spam abuse detected": the sending account is banned
      'access denied, spam abuse detected',
      'access denied, bad outbound sender',
      'client blocked from sending from unregistered domains',
      // Delivery restrictions of a group or mailbox
      'sender not in allowed-senders list',
      'sender not authenticated for group',
      'sender was not authenticated by organization',
      'sender was not authenticated for mailbox',
    ],
  ],
  [
    'notcompliantrfc',
    [
      // "5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant" (no valid From:)
      'message must be rfc 5322 section 3.6.2 compliant',
    ],
  ],
  [
    'speeding',
    [
      'recipient thread limit exceeded',
      "recipient's per hour message receive limit",
      'has exceeded permitted limits within',
      'access denied, tenant has exceeded threshold',
      "you've reached your daily limit for message recipients",
      'submission quota exceeded',
    ],
  ],
  [
    'systemerror',
    [
      // "451 4.7.500 Server busy. Please try again later from [ip]. (AS761)"
      'server busy. please try again later from',
      'pfa agent busy',
    ],
  ],
];

/** Exchange Online's banned-IP range 5.7.606 to 5.7.649 always means the sending IP is blocked. */
function bannedIpRange(status: string | undefined): RhostMatch | undefined {
  if (status === undefined || !status.startsWith('5.7.6')) return undefined;
  const detail = Number(status.slice(4));
  return detail >= 606 && detail <= 649 ? { reason: 'blocked', matched: status } : undefined;
}

const CONSUMER_DOMAINS = ['outlook.com', 'hotmail.com', 'live.com', 'msn.com'];

export const microsoft: RhostRules = {
  id: 'microsoft',
  hosts: [...CONSUMER_DOMAINS, 'office365.com', 'onmicrosoft.com'],
  // A tenant's own domain, x.onmicrosoft.com
  recipientDomains: [...CONSUMER_DOMAINS, '.onmicrosoft.com'],
  // Exchange Online names itself inside its replies even when a report gives no remote host:
  // "550 5.1.10 RESOLVER.ADR.RecipientNotFound; ..." or "... [NAME.eurprd01.prod.outlook.com]".
  markers: ['resolver.adr.', 'prod.outlook.com', 'protection.outlook.com', 'prod.exchangelabs.com'],
  reason(input) {
    return findPhrase(input.text, SENTENCES) ?? bannedIpRange(input.status);
  },
};
