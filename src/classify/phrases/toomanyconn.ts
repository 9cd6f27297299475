import type { PhraseList } from './phrase.js';

/** toomanyconn: too many connections at once, or too many recipients in one transaction. */
export const toomanyconn: PhraseList = [
  // 421 4.7.0 Too many connections from your host / 421 Too many concurrent SMTP connections (Outlook.com)
  'too many connections',
  'too many concurrent',
  'too many simultaneous',
  'too many sessions',
  'too many smtp sessions',
  'too many open connections',
  'too many parallel connections',
  'too many connection',
  'connection limit exceeded',
  'connection limit reached',
  'maximum connection limit',
  'max connection limit',
  'maximum number of connections',
  'connections limit',
  'concurrent connection limit',
  'concurrency limit',
  'exceeds per-domain connection limit',
  'per-ip connection limit',
  // 452 4.3.2 Connection rate limit exceeded (Postfix anvil)
  'connection rate limit',
  // 421 mwinf ME Trop de connexions, veuillez verifier votre configuration. Too many connections, slow down. OFR005_104 (Orange)
  'trop de connexions',
  ['ofr0', '_104'],
  ['lpn', '_104'],
  // QQ / Tencent: 550 Ip frequency limited / 550 Connection frequency limited / Domain frequency limited
  'frequency limited',
  'frequency limit',
  // Free.fr: 421 Too many errors from your IP
  'too many errors from your ip',
  // 452 4.5.3 Too many recipients / 552 Too many recipients (NTT docomo) / 452 4.5.3 Error: too many recipients
  'too many recipients',
  'too many rcpt',
  'recipient limit exceeded',
  'recipients limit exceeded',
  'number of recipients exceeds',
  'max recipients',
  'maximum number of recipients',
  'the recipient has exceeded their limit for',
  // 421 Max message per connection reached, closing transmission channel (Yahoo)
  'max message per connection',
  'messages per connection',
  'message threshold exceeded',
  'has exceeded the max emails per hour',
  // SendGrid: All available IPs are at maximum connection limit
  'all available ips are at maximum connection limit',
  // Amazon SES: Throttling failure: Maximum sending rate exceeded / Daily message quota exceeded are speeding
  // Cox: AUP#CXCNCT / AUP#CXMXRT; 421 too many sessions from 192.0.2.1
  'aup#cxcnct',
  'aup#cxmxrt',
  // Spectrum / Charter: AUP#I-1300..1340 (concurrent and total connection limits)
  'aup#i-130',
  'aup#in-130',
  'aup#i-131',
  'aup#in-131',
  'aup#i-132',
  'aup#in-132',
  'aup#i-133',
  'aup#in-133',
  'aup#i-134',
  'aup#in-134',
  'aup#o-130',
  'aup#out-130',
  'aup#o-131',
  'aup#out-131',
  'aup#o-132',
  'aup#out-132',
  'aup#o-133',
  'aup#out-133',
  'aup#o-134',
  'aup#out-134',
  // Sendmail: 421 4.3.2 Too many open connections / Exim: too many connections from your host
  'we have already made numerous attempts to deliver this message',
];
