import assert from 'node:assert/strict';
import test from 'node:test';
import { clientIpOf } from '../../src/guard/client-ip.js';

const CASES: [string, string | null][] = [
  ['554 5.7.1 Service unavailable; Client host [192.0.2.9] blocked using zen.spamhaus.org', '192.0.2.9'],
  ['host mx.example.org[198.51.100.1] said: 554 5.7.1 Client host [192.0.2.9] blocked', '192.0.2.9'],
  ['host mx.example.org[198.51.100.1] said: 550 5.1.1 user unknown', null],
  ['550 5.7.1 Your IP 203.0.113.5 is on our block list', '203.0.113.5'],
  ['550 see https://www.spamhaus.org/query/ip/192.0.2.77', '192.0.2.77'],
  ['550 Mail from 192.0.2.300 refused', null],
  ['550 5.7.1 Rejected: 10.1.2.3.4 is not an address', null],
  ['550 Access denied', null],
];

test('the client IP a reply names, never the receiving host', () => {
  for (const [text, ip] of CASES) assert.equal(clientIpOf(text), ip, text);
});
