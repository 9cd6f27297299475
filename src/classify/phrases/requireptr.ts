import type { PhraseList } from './phrase.js';

/** requireptr: the sending IP has no valid reverse DNS (PTR) record, or it does not match. */
export const requireptr: PhraseList = [
  // 550-5.7.25 The IP address sending this message does not have a PTR record setup, or the corresponding
  //   forward DNS entry does not point to the sending IP (Gmail)
  'does not have a ptr record',
  "doesn't have a ptr record",
  'have a ptr record, or the ptr record',
  'ips with missing ptr records',
  'missing ptr record',
  'ptr record setup',
  'the sending ip does not match the ip address of the hostname',
  'regarding ptr records',
  // 571 No PTR Record found. Reverse DNS required / 550 no PTR record / PTR record not found
  'no ptr record',
  'ptr record not found',
  'no ptr found',
  'invalid ptr record',
  'bad dns ptr resource record',
  'generic dns ptr',
  'must have a ptr record',
  // 554 Comcast requires that all mail servers must have a PTR record with a valid Reverse DNS entry
  'valid reverse dns',
  // 554 5.7.1 Reverse DNS failed / Reverse DNS required / Reverse DNS lookup for host 192.0.2.1 failed permanently
  'reverse dns failed',
  'reverse dns required',
  'reverse dns validation failed',
  'reverse dns lookup',
  'reverse dns entry',
  'reverse dns record',
  'reverse dns name',
  'missing reverse dns',
  'no reverse dns',
  'fix reverse dns',
  'reverse dns for',
  'without reverse dns',
  'reverse lookup failed',
  'reverse lookup rejected',
  'sender ip reverse lookup',
  'rdns lookup',
  'rdns record',
  'no rdns',
  'invalid rdns',
  'rdns failed',
  'rdns check',
  'reverse-dns',
  // 550 5.7.1 Client host rejected: cannot find your hostname, [192.0.2.1] (Postfix reject_unknown_client_hostname)
  'cannot find your hostname',
  'cannot find your reverse hostname',
  'cannot resolve your address',
  'cannot resolve your hostname',
  'unresolvable relay host name',
  // 450 4.7.1 Access denied. IP name lookup failed [192.0.2.1] (Sendmail; "Relaying denied. IP name lookup
  //   failed" is norelaying)
  ['access denied', 'ip name lookup failed'],
  // Exim: 450 service permits 2 unverifyable sending IPs
  ['service permits', 'unverifyable sending ip'],
  'unverifiable sending ip',
  // 550 domain [example.com] mismatches client ip 192.0.2.1 / HELO does not match the PTR
  ['domain ', ' mismatches client ip'],
  // 551 Server access mx.example.org forbidden by invalid RDNS record of your mail server (192.0.2.1)
  'forbidden by invalid rdns',
  // 550 5.7.1 This system will not accept messages from servers/devices with no reverse DNS
  // 550 5.7.1 Connections not accepted from servers without a valid sender domain. Fix reverse DNS
  // 550 5.7.25 Access denied, the sending IPv6 address must have a reverse DNS record (Exchange Online)
  // Mail.ru: 550 we do not accept mail from hosts with dynamic IP or generic dns PTR-records
  // Cox: 554 rejected - no rDNS / AUP#CXDNS; Spectrum AUP#I-1100..1150
  'aup#cxdns',
  'aup#i-110',
  'aup#in-110',
  'aup#o-110',
  'aup#out-110',
  'aup#i-111',
  'aup#in-111',
  'aup#i-112',
  'aup#in-112',
  'aup#i-113',
  'aup#in-113',
  'aup#i-114',
  'aup#in-114',
  'aup#i-1150',
  'aup#in-1150',
  'dns check failure - try again later',
  // 421 4.7.0 Please get a custom reverse DNS name from your ISP for your host
  'custom reverse dns',
];
