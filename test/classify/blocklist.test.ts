import assert from 'node:assert/strict';
import { test } from 'node:test';
import { namedBlocklist } from '../../src/classify/blocklist.js';

const CASES: readonly (readonly [string, string | null])[] = [
  ['554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using zen.spamhaus.org', 'Spamhaus'],
  ['554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using sbl-xbl.spamhaus.org', 'Spamhaus'],
  ['553 5.7.1 [BL23] Connections not accepted from IP addresses on Spamhaus XBL', 'Spamhaus'],
  ['550 5.7.1 rejected: dbl.spamhaus.org lists a URL in the message body', 'Spamhaus'],
  ["550 Your sender's IP address is listed at cbl.abuseat.org", 'Spamhaus'],
  ['554 Blocked - see http://www.spamcop.net/bl.shtml?192.0.2.10', 'SpamCop'],
  ['554 5.7.1 Client host [192.0.2.10] blocked using bl.spamcop.net', 'SpamCop'],
  ['554 Service unavailable; Client host [192.0.2.10] blocked using Barracuda Reputation', 'Barracuda'],
  ['550 Email blocked by b.barracudacentral.org', 'Barracuda'],
  ['554 5.7.1 Service unavailable; client [192.0.2.10] blocked using dnsbl.sorbs.net', 'SORBS'],
  ['550 Your IP 192.0.2.10 is listed on dnsbl-1.uceprotect.net', 'UCEPROTECT'],
  ['554 Rejected: 192.0.2.10 listed in psbl.surriel.com', 'PSBL'],
  ['550 5.7.1 Rejected - listed in invaluement ivmSIP', 'Invaluement'],
  ['554 5.7.1 Message rejected: URL listed in multi.surbl.org', 'SURBL'],
  ['550 Blacklisted URL in message. See http://lookup.uribl.com', 'URIBL'],
  ['554 Client host blocked using bl.mailspike.net', 'Mailspike'],
  [
    '550 Client host blocked for spamming issues. Ref http://csi.cloudmark.com/reset-request/?ip=192.0.2.10',
    'Cloudmark',
  ],
  ['554 Blocked - see https://ipcheck.proofpoint.com/?ip=192.0.2.10', 'Proofpoint'],
  [
    '550 5.7.606 Access denied, banned sending IP [192.0.2.10]. To request removal from this list please visit',
    'Microsoft',
  ],
  ["550 SC-001 (S3150) Unfortunately, messages from 192.0.2.10 weren't sent.", 'Microsoft'],
  ['554 Client host blocked using combined.mail.abusix.zone', 'Abusix'],
  ['550 5.7.1 blocked using spam.spamrats.com', 'Spamrats'],
  ['554 5.7.1 listed at bl.0spam.org', '0spam'],
  ['550 Sorry! Your IP address is blocked by RBL: hostkarma.junkemailfilter.com', 'Hostkarma'],
  ['550 5.7.1 listed in ubl.lashback.com', 'Lashback'],
  // The first list named wins.
  ['554 blocked using zen.spamhaus.org; also listed in bl.spamcop.net', 'Spamhaus'],
  ['554 blocked using bl.spamcop.net; see also zen.spamhaus.org', 'SpamCop'],
  // Generic words name no list.
  ['554 5.7.1 Service unavailable; client [192.0.2.10] blocked by DNSBL', null],
  ['550 Your IP address is listed in the RBL', null],
  ['550 5.7.1 Part of their network is on our block list', null],
  ['550 5.1.1 user unknown', null],
  ['', null],
  // Markers must stand alone.
  ['550 The filter absorbs everything', null],
  ['452 4.3.2 (S31500) too busy', null],
];

test('namedBlocklist names the list a reply cites', () => {
  for (const [text, expected] of CASES) {
    assert.equal(namedBlocklist(text), expected, text);
  }
});
