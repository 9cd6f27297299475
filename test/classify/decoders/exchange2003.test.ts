import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { classify } from '../../../src/classify/classify.js';

type Expected = { recipient: string; reason: string; status: string | null };

const CASES: readonly (readonly [string, Expected[]])[] = [
  ['exchange2003-unknown', [{ recipient: 'nobody@example.org', reason: 'userunknown', status: null }]],
  // No error text at all: nothing says why, so the reason stays undefined.
  ['exchange2003-single', [{ recipient: 'ivan@example.net', reason: 'onhold', status: null }]],
];

for (const [fixture, expected] of CASES) {
  test(`exchange2003: ${fixture}`, () => {
    const raw = readFileSync(new URL(`../../../../test/fixtures/${fixture}.eml`, import.meta.url));
    const verdicts = classify(raw);
    assert.deepEqual(
      verdicts.map((v) => ({ recipient: v.recipient, reason: v.reason, status: v.status })),
      expected,
    );
    for (const v of verdicts) assert.equal(v.decoder, 'exchange2003');
  });
}
