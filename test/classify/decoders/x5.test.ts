import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { classify } from '../../../src/classify/classify.js';

type Expected = { recipient: string; reason: string; status: string | null; smtpCommand: string | null };

const CASES: readonly (readonly [string, Expected[]])[] = [
  [
    'x5-forwarded',
    [{ recipient: 'dave@example.org', reason: 'userunknown', status: '5.1.1', smtpCommand: null }],
  ],
];

for (const [fixture, expected] of CASES) {
  test(`x5: ${fixture}`, () => {
    const raw = readFileSync(new URL(`../../../../test/fixtures/${fixture}.eml`, import.meta.url));
    const verdicts = classify(raw);
    assert.deepEqual(
      verdicts.map((v) => ({
        recipient: v.recipient,
        reason: v.reason,
        status: v.status,
        smtpCommand: v.smtpCommand,
      })),
      expected,
    );
    for (const v of verdicts) assert.equal(v.decoder, 'x5');
  });
}
