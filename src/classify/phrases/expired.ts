import type { PhraseList } from './phrase.js';

/** Delivery was retried until the queue gave up, mostly because the peer stayed unreachable. */
export const expired: PhraseList = [
  // Exchange, Office 365, SES: 554 4.4.7 Message expired: unable to deliver in 840 minutes
  'message expired',
  'queue expired',
  // OpenSMTPD: Envelope expired
  'envelope expired',
  'delivery time expired',
  // Exim, GMX, Mail.ru: retry timeout exceeded
  'retry timeout exceeded',
  'retry time not reached for any host',
  // Exim: all hosts have been failing for a long time and were last tried after this message arrived
  'have been failing for a long time',
  // qmail: I'm not going to try again; this message has been in the queue too long.
  'has been in the queue too long',
  "i'm not going to try again",
  // Sendmail: Message could not be delivered for 5 days / Message will be deleted from queue
  'could not be delivered for',
  'will be deleted from queue',
  // DragonFly: Could not deliver for the last 432000 seconds. Giving up.
  'could not deliver for the last',
  // EZweb: Your message was not delivered within 0 days and 1 hours.
  'was not delivered within',
  // Messaging Server, Yahoo: unable to deliver this message after 1 day / after multiple retries
  'unable to deliver this message after',
  'unable to deliver message after',
  'was not reachable within the allowed queue period',
  // Gmail, Exchange delay notices: Delivery to the following recipient has been delayed.
  'has been delayed',
  'message will be retried for',
  'delivery attempts will continue',
  // Postfix, SendGrid, Exchange: connect to mx.example.org[192.0.2.1]:25: Connection timed out
  'connection timed out',
  'message timed out',
  'delivery timeout',
  // Gmail: The recipient server did not accept our requests to connect.
  'did not accept our requests to connect',
  'server did not respond',
  // Zoho: 421 Host not reachable.
  'host not reachable',
  // Postfix: connect to mx.example.org[192.0.2.1]:25: Connection refused (until the queue lifetime ran out)
  'connection refused',
  // Outlook.com: ... due to being unable to connect successfully to the destination mail server.
  'unable to connect successfully to the destination',
  // Exchange: Error encountered while communicating with primary target IP address ... Attempted failover to alternate host
  'while communicating with primary target',
  'attempted failover to alternate host',
  // Novell/other: Could not find a gateway for jdoe@example.org
  'could not find a gateway for',
];
