/** The send gate's answer is written as bytes: they must be JSON.stringify({ results })'s, whatever the strings. */
import assert from 'node:assert/strict';
import test from 'node:test';
import { checkResultsJson } from '../../src/api/check-json.js';
import type { Hold } from '../../src/guard/holds.js';
import type { CheckResult } from '../../src/service/types.js';

/** Compared as text (a readable failure) and as bytes (UTF-8 that decodes leniently would pass as text). */
function assertSame(results: CheckResult[]): void {
  const expected = JSON.stringify({ results });
  const written = checkResultsJson(results);
  assert.equal(written.toString('utf8'), expected);
  assert.ok(written.equals(Buffer.from(expected, 'utf8')));
}

function result(address: string, over: Partial<CheckResult> = {}): CheckResult {
  return {
    address,
    allowed: true,
    state: 'active',
    reason: null,
    explanation: 'No bounce or complaint recorded for this address.',
    ...over,
  };
}

const pause: Hold = {
  scope: { kind: 'domain', domain: 'bücher.example' },
  source: 'pause',
  sourceId: '12',
  explanation: 'Sends to "bücher.example" wait: paused by an admin — resume with POST /v1/pauses/12/resume.',
  since: '2026-12-07T10:00:00.000Z',
};

test('no results', () => {
  assertSame([]);
});

test('plain ASCII results, allowed and refused, with and without a reason', () => {
  const results = [
    result('a@example.org'),
    result('b@example.org', {
      allowed: false,
      state: 'blocked',
      reason: 'userunknown',
      explanation: 'Blocked since 2026-12-07 16:38:53 UTC: the recipient address does not exist.',
    }),
    result('c@example.org', {
      state: 'soft',
      reason: 'mailboxfull',
      explanation: 'Soft-bouncing, still allowed.',
    }),
  ];
  assertSame(results);
});

test('strings that JSON escapes or that are not ASCII: quotes, backslashes, controls, unicode, lone surrogates', () => {
  const odd = [
    'quote " inside',
    'back\\slash',
    'tab\tnew\nline\r\u0000\u001f\u007f',
    'jörg@bücher.example',
    'ü',
    '日本@例え.jp',
    'emoji 📮 pair',
    'lone \ud800 high',
    'lone \udc00 low',
    'ends with high \ud83d',
    '\u2028\u2029 separators',
    'latin-1 \u00ff and \u0080',
    '',
  ];
  const results = odd.flatMap((text) => [
    result(text),
    result('x@example.org', { explanation: text, reason: 'mailboxfull', state: 'soft' }),
  ]);
  assertSame(results);
});

test('held results: the hold written as JSON.stringify has it, shared or not', () => {
  const other: Hold = { ...pause, sourceId: '13', scope: { kind: 'account' } };
  const held = (address: string, hold: Hold): CheckResult => ({
    ...result(address),
    allowed: false,
    held: hold,
    explanation: hold.explanation,
  });
  const results = [
    held('a@bücher.example', pause),
    held('b@bücher.example', pause),
    result('c@example.org', { held: undefined }),
    held('d@example.org', other),
    held('e@bücher.example', pause),
  ];
  assertSame(results);
});

test('results with the same explanation but not the same end are each written as they are', () => {
  const said = 'Blocked since 2026-12-07 16:38:53 UTC: the recipient address does not exist.';
  const results = [
    result('a@example.org', { allowed: false, state: 'blocked', reason: 'userunknown', explanation: said }),
    result('b@example.org', { explanation: said }),
    result('c@example.org', { state: 'soft', reason: 'userunknown', explanation: said }),
    result('d@example.org', { state: 'soft', reason: 'mailboxfull', explanation: said }),
    result('e@example.org', { allowed: false, state: 'blocked', reason: 'userunknown', explanation: said }),
    result('f@example.org', { explanation: said }),
  ];
  assertSame(results);
});

test('more distinct explanations than are kept as bytes', () => {
  const results = Array.from({ length: 3000 }, (_, i) =>
    result(`u${i % 7}@example.org`, { explanation: `sentence ${i % 2500}`, allowed: i % 3 !== 0 }),
  );
  assertSame(results);
});

test('answers larger than the first guess of their size grow without losing bytes', () => {
  // Every explanation needs escaping and non-ASCII bytes, so the ASCII-exact guess is far too small.
  const results = Array.from({ length: 5000 }, (_, i) =>
    result(`user${i}@exämple.org`, { explanation: `"${'\\é\n'.repeat(i % 40)}" ${i}` }),
  );
  assertSame(results);
});
