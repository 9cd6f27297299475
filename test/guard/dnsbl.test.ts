import assert from 'node:assert/strict';
import test from 'node:test';
import { interpret, queryName } from '../../src/guard/dnsbl.js';

test('query names: IPv4 reversed, IPv6 as reversed nibbles, domains as they are', () => {
  assert.equal(queryName('192.0.2.9', 'zen.spamhaus.org'), '9.2.0.192.zen.spamhaus.org');
  assert.equal(
    queryName('2001:db8::1', 'zen.spamhaus.org'),
    '1.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.0.8.b.d.0.1.0.0.2.zen.spamhaus.org',
  );
  assert.equal(queryName('sender.example', 'dbl.spamhaus.org'), 'sender.example.dbl.spamhaus.org');
});

const ANSWERS: [string, string[], string, RegExp][] = [
  ['zen.spamhaus.org', [], 'clear', /Not listed/],
  ['zen.spamhaus.org', ['127.0.0.4'], 'listed', /XBL/],
  ['zen.spamhaus.org', ['127.0.0.2', '127.0.0.10'], 'listed', /SBL.*PBL/],
  ['zen.spamhaus.org', ['127.255.255.254'], 'unchecked', /public or open resolvers/],
  ['zen.spamhaus.org', ['127.255.255.255'], 'unchecked', /too many queries/],
  ['dbl.spamhaus.org', ['127.0.1.2'], 'listed', /spam domain/],
  ['dbl.spamhaus.org', ['127.255.255.252'], 'unchecked', /malformed/],
  ['bl.spamcop.net', ['127.0.0.2'], 'listed', /SpamCop/],
  ['b.barracudacentral.org', ['127.0.0.2'], 'listed', /Barracuda/],
  ['list.example', ['127.0.0.5'], 'listed', /code 127\.0\.0\.5/],
  ['list.example', ['198.51.100.7'], 'unchecked', /cannot be trusted/],
];

test('what each answer means: listed, clear, or could not check', () => {
  for (const [zone, answers, outcome, meaning] of ANSWERS) {
    const got = interpret(zone, answers);
    assert.equal(got.outcome, outcome, `${zone} ${answers.join(',')}`);
    assert.match(got.meaning, meaning);
  }
});
