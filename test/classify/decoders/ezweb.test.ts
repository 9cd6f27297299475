import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { classify } from '../../../src/classify/classify.js';

type Expected = { recipient: string; reason: string; status: string | null };

const CASES: readonly (readonly [string, Expected[]])[] = [
  ['ezweb-transcript', [{ recipient: 'nobody@example.org', reason: 'userunknown', status: null }]],
  ['ezweb-disabled', [{ recipient: 'stopped@example.net', reason: 'suspend', status: null }]],
  ['ezweb-spasign', [{ recipient: 'picky@example.net', reason: 'filtered', status: null }]],
];

for (const [fixture, expected] of CASES) {
  test(`ezweb: ${fixture}`, () => {
    const raw = readFileSync(new URL(`../../../../test/fixtures/${fixture}.eml`, import.meta.url));
    const verdicts = classify(raw);
    assert.deepEqual(
      verdicts.map((v) => ({ recipient: v.recipient, reason: v.reason, status: v.status })),
      expected,
    );
    for (const v of verdicts) assert.equal(v.decoder, 'ezweb');
  });
}
