import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { classify } from '../../../src/classify/classify.js';

type Expected = { recipient: string; reason: string; status: string | null };

const CASES: readonly (readonly [string, Expected[]])[] = [
  // Per-recipient fields written before Final-Recipient, reply folded without indentation.
  ['rfc3464-stray-fields', [{ recipient: 'jo@example.org', reason: 'securityerror', status: '5.0.0' }]],
  // A bounce forwarded inline with '> ' quoting.
  ['rfc3464-forwarded', [{ recipient: 'full@example.org', reason: 'mailboxfull', status: '5.2.2' }]],
];

for (const [fixture, expected] of CASES) {
  test(`rfc3464: ${fixture}`, () => {
    const raw = readFileSync(new URL(`../../../../test/fixtures/${fixture}.eml`, import.meta.url));
    const verdicts = classify(raw);
    assert.deepEqual(
      verdicts.map((v) => ({ recipient: v.recipient, reason: v.reason, status: v.status })),
      expected,
    );
    for (const v of verdicts) assert.equal(v.decoder, 'rfc3464');
  });
}
