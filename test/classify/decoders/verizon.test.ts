import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { classify } from '../../../src/classify/classify.js';

type Expected = { recipient: string; reason: string; status: string | null };

const CASES: readonly (readonly [string, Expected[]])[] = [
  ['verizon-sms', [{ recipient: '5555550100@vtext.com', reason: 'userunknown', status: null }]],
];

for (const [fixture, expected] of CASES) {
  test(`verizon: ${fixture}`, () => {
    const raw = readFileSync(new URL(`../../../../test/fixtures/${fixture}.eml`, import.meta.url));
    const verdicts = classify(raw);
    assert.deepEqual(
      verdicts.map((v) => ({ recipient: v.recipient, reason: v.reason, status: v.status })),
      expected,
    );
    for (const v of verdicts) assert.equal(v.decoder, 'verizon');
  });
}
