import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { classify } from '../../../src/classify/classify.js';

type Expected = { recipient: string; reason: string; status: string | null; smtpCommand: string | null };

const CASES: readonly (readonly [string, Expected[]])[] = [
  ['fml-loop', [{ recipient: 'lunch@example.org', reason: 'systemerror', status: null, smtpCommand: null }]],
  [
    'fml-notmember',
    [{ recipient: 'lunch@example.org', reason: 'rejected', status: null, smtpCommand: null }],
  ],
];

for (const [fixture, expected] of CASES) {
  test(`fml: ${fixture}`, () => {
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
    for (const v of verdicts) assert.equal(v.decoder, 'fml');
  });
}
