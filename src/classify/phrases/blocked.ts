import type { PhraseList } from './phrase.js';

/**
 * blocked: the sending IP address or host was refused, usually because it is on a DNS blocklist or the
 * receiving site's own block list. The recipient address is not at fault.
 */
export const blocked: PhraseList = [
  // 554 5.7.1 Service unavailable; Client host [192.0.2.1] blocked using zen.spamhaus.org
  // 550 5.7.1 <mx.example.net[192.0.2.1]>: Client host rejected: blocked using bl.spamcop.net
  'blocked using ',
  ['client host', 'blocked by'],
  ['client ip', 'blocked by'],
  // 550 Email blocked by b.barracudacentral.org / Email blocked by SPAMHAUS
  ['email blocked by', 'barracudacentral'],
  ['email blocked by', 'spamhaus'],
  // 554 Your access to this mail system has been rejected due to the sending MTA's poor reputation
  //   (Barracuda appliance, "blocked using Barracuda Reputation" is covered above)
  'barracuda reputation',
  // 550 5.7.1 IP address blacklisted by recipient / Your IP is blacklisted by uceprotect
  'blacklisted by',
  'blocklisted by',
  ['the ip', 'is blacklisted'],
  ['your ip', 'is blacklisted'],
  ['ip address', 'is blacklisted'],
  ['ip address', 'blacklisted'],
  ['your ip', 'blocklisted'],
  ['sending ip', 'blocklisted'],
  ['sending ip', 'blacklisted'],
  'your network is temporary blacklisted',
  'rejected - multi-blacklist',
  ['rejected based on', 'blacklist'],
  'is in a black list',
  'is on a blocklist',
  'is on our blocklist',
  'on our block list',
  'on our blacklist',
  // 554 5.7.1 Your IP address 192.0.2.1 is listed in the RBL / ... listed on zen.spamhaus.org
  ['your ip', 'is listed'],
  ['ip address', 'is listed in'],
  ['ip address', 'is listed on'],
  ['sending ip', 'is listed'],
  ['client ip', 'is listed'],
  ['client host', 'is listed'],
  ['is in an', 'rbl'],
  'listed in the rbl',
  'ip is listed',
  ['listed at', '.abuseat.org'],
  // 553 5.7.1 [BL21] Connections will not be accepted from 192.0.2.1, because the ip is in Spamhaus's list
  // 553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL (Yahoo, AOL)
  "because the ip is in spamhaus's list",
  'not accepted from ip addresses on spamhaus',
  // Named DNS blocklists (a reply that sends the sender to a delisting page)
  'spamhaus.org/query/bl',
  'spamhaus.org/lookup',
  'spamhaus.org/sbl',
  'spamhaus.org/xbl',
  'spamhaus.org/pbl',
  'zen.spamhaus.org',
  'sbl.spamhaus.org',
  'xbl.spamhaus.org',
  'pbl.spamhaus.org',
  'sbl-xbl.spamhaus.org',
  ['ip', 'listed in spamhaus'],
  ['ip', 'listed on spamhaus'],
  ['host', 'listed in spamhaus'],
  'spamcop.net/bl',
  'bl.spamcop.net',
  'b.barracudacentral.org',
  'barracudacentral.org/rbl',
  'dnsbl.sorbs.net',
  'sorbs.net/lookup',
  'uceprotect.net',
  'psbl.org',
  'psbl.surriel.com',
  'invaluement',
  'bl.mailspike.net',
  'cbl.abuseat.org',
  'abuseat.org/lookup',
  'spamrats.com',
  'all.s5h.net',
  'bl.0spam.org',
  'hostkarma',
  'abusix',
  'ipcheck.proofpoint.com',
  'csi.cloudmark.com',
  'cloudmark csi',
  // Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.1 (Proofpoint) / Refused - see http://...
  'blocked - see http',
  'refused - see http',
  // 554 5.7.1 Service unavailable; client [192.0.2.1] blocked by dnsbl / DNSBL:RBL 521< 192.0.2.1 >_is_blocked
  ['dnsbl:', '_is_blocked'],
  'dnsbl:attrbl',
  'denied by dnsbl',
  'rejected by dnsbl',
  'listed by dnsbl',
  // Exchange Online / Outlook.com
  // 550 5.7.606 Access denied, banned sending IP [192.0.2.1]. To request removal from this list ...
  'banned sending ip',
  'access denied, banned sender',
  // 550 SC-001 (S3150) Unfortunately, messages from 192.0.2.1 weren't sent. ... part of their network is on our block list
  'part of their network is on our block list',
  ['messages from', "weren't sent", 'block list'],
  ['(s3140)'],
  ['(s3150)'],
  // 550 5.7.513 Service unavailable, Client host [192.0.2.1] blocked by example.org using Customer Block list
  'using customer block list',
  // 550 5.7.507 Access denied, rejected by recipient (the recipient organisation blocked the IP)
  'access denied, rejected by recipient',
  // 550 5.7.1 Not currently accepting mail from your ip (Hotmail)
  'not currently accepting mail from your ip',
  // 421 4.7.0 Try again later, closing connection / IP not in whitelist for RCPT domain (Google)
  'ip not in whitelist for rcpt domain',
  // 550 5.7.1 Our system has detected an unusual rate of unsolicited mail originating from your IP address (Gmail)
  'unusual rate of unsolicited mail originating from your ip',
  // Postfix: 450 4.7.1 Client host rejected: cannot find your hostname / may not be mail exchanger
  'client host rejected: may not be mail exchanger',
  'client host rejected: was not authenticated',
  'client host rejected: abus detecte',
  'client host blocked',
  'client host is blocked',
  // Orange / Wanadoo: 550 mwinf ME Adresse IP source bloquee pour incident de spam. Client host blocked for spamming issues. OFR006_102
  'adresse ip source bloquee',
  'ip source bloquee',
  // Free.fr: 550 5.7.1 Too many spams from your IP (192.0.2.1), please visit http://postmaster.free.fr/
  'too many spams from your ip',
  // SFR / La Poste / Orange: Service refuse. Veuillez essayer plus tard. ... LPN/OFR codes 101, 102, 103, 510, 999
  ['veuillez essayer plus tard', '_103'],
  ['veuillez essayer plus tard', '_510'],
  ['veuillez essayer plus tard', '_999'],
  ['ofr0', '_102'],
  ['lpn', '_102'],
  ['lpn', '_101'],
  // Cox: 554 ... AUP#CXBL / AUP#CDRBL / IPBL0001 (the sending IP is on a block list)
  'aup#cxbl',
  'aup#cdrbl',
  'aup#ipbl',
  'ipbl0',
  'ipbl1',
  // Spectrum / Charter: 554 5.7.1 ... AUP#I-1000 / AUP#O-1210 (IP blocked, Cloudmark or Spamhaus listed)
  'aup#i-1000',
  'aup#in-1000',
  'aup#o-1000',
  'aup#out-1000',
  'aup#i-12',
  'aup#in-12',
  'aup#o-12',
  'aup#out-12',
  // Comcast: 554 resimta ... comcast 192.0.2.1 found on one or more DNSBLs, see http://postmaster.comcast.net
  'found on one or more dnsbls',
  'comcast block for spam',
  // AT&T: 553 5.3.0 flpd575 DNSBL:RBL 521< 192.0.2.1 >_is_blocked.For assistance forward this email to abuse_rbl@abuse-att.net
  'abuse_rbl@abuse-att.net',
  'blocked for abuse',
  // EarthLink: 550 IP 192.0.2.1 is blocked by EarthLink
  'is blocked by earthlink',
  // Mail.ru / Yandex: 550 spam message rejected... Our system does not accept mail from dynamic ips
  'we do not accept mail from dynamic ip',
  'dynamic/zombied/spam ips blocked',
  'hosts with dynamic ip',
  'from dynamic ip addresses',
  'dynamic ip address',
  // 550 5.7.1 Your IP has been blocked / Your IP address has been blocked
  ['your ip', 'has been blocked'],
  ['your ip', 'is blocked'],
  ['your ip', 'was blocked'],
  ['ip address', 'has been blocked'],
  ['ip address', 'is blocked'],
  ['sending ip', 'has been blocked'],
  ['sending ip', 'is blocked'],
  ['mail server at', 'is blocked'],
  ['access from ip address', 'blocked'],
  'bad sender ip address',
  'sender ip address rejected',
  'server access forbidden by your ip',
  ['server ip', 'listed as abusive'],
  'not allowed to connect',
  'you are not allowed to connect',
  // 550 5.7.1 Connection refused by policy / 554 Connection refused: your IP is blocked
  ['connection refused', 'policy'],
  ['connection refused', 'blocked'],
  'connection rejected by policy',
  // Exim: SMTP error from remote mail server after initial connection: 550 Access denied (the greeting refused this host)
  ['after initial connection', 'access denied'],
  ['after initial connection', 'blocked'],
  ['after initial connection', 'not allowed'],
  // Postfix: host mx.example.org[192.0.2.1] refused to talk to me: 554 Service unavailable / 550 Blocked
  ['refused to talk to me', 'blocked'],
  ['refused to talk to me', 'service not available, closing transmission channel'],
  ['refused to talk to me', 'service unavailable'],
  ['refused to talk to me', 'access denied'],
  ['refused to talk to me', 'not accepting'],
  // iCloud: 554 mx.icloud.com ESMTP not accepting connections
  'esmtp not accepting connections',
  // qmail: Connected to 192.0.2.1 but my name was rejected (the HELO/EHLO name of the sending host)
  'but my name was rejected',
  'helo command rejected',
  'ehlo command rejected',
  'access denied, bad helo',
  'helo/ehlo argument is invalid',
  ['after ehlo ', 'rejected'],
  ['after helo ', 'rejected'],
  // 550 5.7.1 Please use the smtp server of your ISP / 501 no access from mail server [192.0.2.1]
  'use the smtp server of your isp',
  'please use your isp',
  'no access from mail server',
  'rejecting open proxy',
  'currently sending spam see',
  'you are sending spam',
  'your remotehost looks suspiciously like spammer',
  'sending address not accepted due to spam filter',
  'extreme bad ip profile',
  // 554 INVALID IP FOR SENDING MAIL OF DOMAIN example.com
  'invalid ip for sending mail of domain',
  // 550 5.7.1 Mail from 192.0.2.1 refused: ... / 554 Message from 192.0.2.1 rejected
  ['mail from ', ' refused:'],
  'your server requires confirmation',
  'confirm this mail server',
  'too many unwanted messages have been sent from the following ip address',
  'sorry, your ip is not allowed',
  'ip blocked',
  'ip-blocked',
  'blocked ip address',
  'ip address blocked',
  'ip address rejected',
  'address is blocklisted',
];
