import type { PhraseList } from './phrase.js';

/**
 * The recipient's domain does not exist or cannot be routed. Never a bare "domain not found":
 * Postfix says "Sender address rejected: Domain not found" about the *sender's* domain.
 */
export const hostunknown: PhraseList = [
  // Sendmail: 550 5.1.2 <jdoe@example.org>... Host unknown (Name server: example.org: host not found)
  'host unknown',
  // Smail: jdoe@example.org ... unknown host
  'unknown host',
  // Postfix: Host or domain name not found. Name service error for name=example.org type=A: Host not found
  'host or domain name not found',
  // RFC 3463 text of 5.1.2: 550 5.1.2 Bad destination system address
  'bad destination system address',
  // Postfix reject_unknown_recipient_domain: 450 4.1.2 <jdoe@example.org>: Recipient address rejected: Domain not found
  'recipient address rejected: domain not found',
  'recipient address rejected: unknown domain',
  'recipient domain must exist',
  'recipient domain not found',
  // Courier, OpenSMTPD, Exim: No such domain. / Domain does not exist
  'no such domain',
  'domain does not exist',
  // Exim: Unrouteable address
  'unrouteable address',
  'unroutable address',
  // qmail: Sorry, I couldn't find any host named example.org. (#5.1.2)
  "couldn't find any host named",
  // Sun/Oracle Messaging Server: Illegal host/domain name found
  'illegal host/domain name found',
  // Amazon SES: 550 5.4.4 Invalid domain
  '5.4.4 invalid domain',
  // Gmail: 553 5.1.2 We weren't able to find the recipient domain.
  "weren't able to find the recipient domain",
  // Outlook.com: 554 The mail could not be delivered to the recipient because the domain is not reachable
  'domain is not reachable',
  // cPanel Exim: The account or domain may not exist, they may be blacklisted, or missing the proper dns entries.
  'the account or domain may not exist',
  // getaddrinfo via some MTAs: connect to example.org: Name or service not known
  'name or service not known',
  // DragonFly: DNS lookup failure: host mx.example.org not found
  ['dns lookup failure: host', 'not found'],
  // Exchange: 550 5.4.310 DNS domain nowhere.example does not exist
  ['dns domain ', ' does not exist'],
  // Exim: Mail domain mentioned in email address is unknown
  'mail domain mentioned in email address is unknown',
];
