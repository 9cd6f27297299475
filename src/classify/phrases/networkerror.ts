import type { PhraseList } from './phrase.js';

/** The receiving server could not be reached: DNS failure, routing failure, mail loop. */
export const networkerror: PhraseList = [
  // Postfix: connect to mx.example.org[192.0.2.1]:25: No route to host
  'no route to host',
  'network is unreachable',
  'host is unreachable',
  // Postfix: lost connection with mx.example.org[192.0.2.1] while performing the HELO handshake
  'lost connection with',
  // qmail: Sorry, I wasn't able to establish an SMTP connection. (#4.4.1)
  "wasn't able to establish an smtp connection",
  'could not connect and send the mail to',
  // OpenSMTPD: Network error on destination MXs
  'network error on destination',
  // Postfix, Sendmail: Name service error for name=example.org type=MX: Malformed or unexpected name server reply
  'name service error for',
  'malformed or unexpected name server reply',
  'malformed name server reply',
  'host name lookup failure',
  'host not found, try again',
  // Gmail: DNS Error: DNS type 'mx' lookup of example.org responded with code SERVFAIL
  'dns error:',
  // Office 365: 550 5.4.312 Message expired, DNS query failed
  'dns query failed',
  // Exchange: 550 5.4.4 SMTPSEND.DNS.NonExistentDomain; nonexistent domain
  'smtpsend.dns.',
  'dns records for the destination computer could not be found',
  'unable to resolve route',
  'unrouteable mail domain',
  // Mail loops: 554 5.4.6 Too many hops / Hop count exceeded - possible mail loop
  'too many hops',
  'hop count exceeded',
  'routing loop',
  'mail forwarding loop',
  'message is looping',
  // Gmail: 554 5.4.6 Message exceeded 50 hops, this may indicate a mail loop.
  'may indicate a mail loop',
];
