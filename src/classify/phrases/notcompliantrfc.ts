import type { PhraseList } from './phrase.js';

/** notcompliantrfc: the message breaks RFC 5322/5321 rules (duplicate or missing headers, bad From:). */
export const notcompliantrfc: PhraseList = [
  // 550-5.7.1 This message is not RFC 5322 compliant. There are multiple Subject headers (Gmail)
  'not rfc 5322 compliant',
  'not rfc5322 compliant',
  'not rfc 822 compliant',
  'not rfc822 compliant',
  'not rfc 2822 compliant',
  'not rfc compliant',
  'not compliant with rfc',
  'rfc 5322 section',
  'rfcmessagenoncompliant',
  'headers are not rfc compliant',
  'violates rfc',
  'violation of rfc',
  // 550-5.7.1 Messages with multiple addresses in From: header are not accepted (Gmail)
  'multiple addresses in from: header',
  'header are not accepted',
  // 550-5.7.1 Messages missing a valid address in the From: header, or having no From: header, are not accepted
  'missing a valid address in the from: header',
  'missing a valid message-id',
  'no from: header',
  'missing from: header',
  'missing from header',
  'missing message-id',
  'missing date header',
  'missing date: header',
  'multiple from headers',
  'multiple subject headers',
  'multiple date headers',
  'multiple message-id headers',
  'multiple to headers',
  'duplicate headers',
  // 550 5.7.1 The message contains a unicode character in a disallowed header / Encoded-word syntax not permitted
  'unicode character in a disallowed header',
  'encoded-word syntax is not permitted',
  // 554 5.6.0 Mail message is malformed. Not accepted (Gmail)
  'mail message is malformed',
  'message is malformed',
  // 550 5.7.512 Access denied, message must be RFC 5322 section 3.6.2 compliant (Outlook.com)
  'must be rfc 5322',
  // 553 5.1.7 The sender address is not a valid RFC 5321 address (Gmail)
  'not a valid rfc 5321 address',
];
