import type { PhraseList } from './phrase.js';

/** The recipient's domain accepts no mail at all: null MX (RFC 7505), no MX, no SMTP service. */
export const notaccept: PhraseList = [
  // Gmail: DNS type 'mx' lookup of example.org ... doesn't receive email according to the administrator: returned Null MX
  'null mx',
  "doesn't receive email according to the administrator",
  // Sendmail, iCloud: 556 5.7.27 example.org... Domain does not accept mail
  'domain does not accept mail',
  'host does not accept mail',
  'host/domain does not accept mail',
  // Postfix 3.x: 556 5.1.10 <jdoe@example.org>: Recipient address rejected: Domain example.org does not accept mail (nullMX)
  // (not a bare 'nullmx': Postfix says the same about a sender domain with 'Sender address rejected')
  ['recipient address rejected: domain', 'does not accept mail'],
  // Exim: an MX or SRV record indicated no SMTP service
  'indicated no smtp service',
  // Yahoo, OpenSMTPD: No mx record found for domain=example.org / No MX found for domain
  'no mx record found for domain',
  'no mx found for domain',
  // qmail: Sorry, I couldn't find a mail exchanger or IP address. (#5.4.4)
  "couldn't find a mail exchanger",
  // Exchange (RFC 3463 text of 4.3.2/5.3.2): 421 4.3.2 System not accepting network messages
  'system not accepting network messages',
];
