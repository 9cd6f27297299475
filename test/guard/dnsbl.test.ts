import assert from 'node:assert/strict';
import test from 'node:test';
import { interpret, queryName } from '../../src/guard/dnsbl.js';
import {
  ANSWER_CODES,
  codeMeaning,
  readAnswers,
  readCheck,
  sayReading,
} from '../../src/guard/dnsbl-answers.js';

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

test("a stored check's outcome and codes give back its reading: the page says the meaning from them", () => {
  for (const [zone, answers] of ANSWERS) {
    const { outcome, meaning } = interpret(zone, answers);
    assert.equal(
      sayReading(zone, readCheck({ outcome, codes: answers })),
      meaning,
      `${zone} ${answers.join(',')}`,
    );
  }
  assert.deepEqual(readAnswers(['127.0.0.2', '127.0.0.10']), {
    outcome: 'listed',
    codes: ['127.0.0.2', '127.0.0.10'],
  });
  assert.deepEqual(readAnswers(['127.0.0.2', '127.255.255.254']), {
    outcome: 'unchecked',
    why: 'refused',
    code: '127.255.255.254',
  });
  assert.deepEqual(readAnswers(['198.51.100.7']), {
    outcome: 'unchecked',
    why: 'untrusted',
    answers: ['198.51.100.7'],
  });
  // A DNS error stores no code: the reading knows it failed, not how.
  assert.deepEqual(readCheck({ outcome: 'unchecked', codes: [] }), {
    outcome: 'unchecked',
    why: 'dns-error',
  });
  assert.equal(
    sayReading('zen.spamhaus.org', { outcome: 'unchecked', why: 'dns-error', error: 'ETIMEOUT' }),
    'Could not check on zen.spamhaus.org: DNS ETIMEOUT.',
  );
  assert.equal(codeMeaning(ANSWER_CODES, 'bl.spamcop.net', '127.0.0.3'), undefined, 'an undocumented code');
  assert.equal(codeMeaning(ANSWER_CODES, 'list.example', '127.0.0.2'), undefined, 'an undocumented zone');
});
