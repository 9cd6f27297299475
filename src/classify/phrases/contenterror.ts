import type { PhraseList } from './phrase.js';

/** contenterror: the message content (headers, MIME structure, encoding) was refused as invalid. */
export const contenterror: PhraseList = [
  // 550 5.6.9 improper use of 8-bit data in message header (Sendmail)
  'improper use of 8-bit data',
  '8-bit data in message header',
  '8bit data in header',
  'non-ascii characters in header',
  'illegal characters in header',
  // 554 5.6.0 Media error / 500 5.6.1 Message content rejected (RFC 3463 X.6.x: media errors)
  ['5.6.0', 'media error'],
  ['5.6.', 'message content rejected'],
  ['5.6.', 'content rejected'],
  'media error',
  // 550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal / 554 5.6.11 Bare LF characters (Exchange, Gmail)
  'bare linefeeds',
  'bare line feed',
  'bare lf',
  'invalid characters',
  // 554 5.6.0 Invalid MIME / This message contains invalid MIME headers (Exchange, Barracuda)
  'invalid mime',
  'malformed mime',
  'mime error',
  'mime complexity exceeds',
  'mime structure',
  'message contain invalid mime headers',
  'improperly-formatted binary content',
  'unnecessary base64 encoding',
  'invalid message content',
  'invalid content-type',
  'invalid content-transfer-encoding',
  // 552 5.3.4 Header size exceeds maximum permitted / message header size ... exceeds policy limit
  'header size exceeds',
  'message header size',
  'header too long',
  'headers too long',
  'header line too long',
  'too many headers',
  'duplicate header',
  'malformed header',
  'invalid header',
  'bad header',
  // 554 5.4.6 Routing loop detected -- too many Received: headers
  'too many received: headers',
  // 5.3.0 Too many related errors (Exchange poison message queue) / 5.4.11 agent generated message depth exceeded
  'too many related errors',
  'agent generated message depth exceeded',
];
