import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { classify } from '../../src/classify/classify.js';
import type { Verdict } from '../../src/classify/types.js';

/** What a decoder test expects of each verdict: the fields it names, nothing else. */
export type ExpectedVerdict = Partial<Pick<Verdict, 'recipient' | 'reason' | 'status' | 'smtpCommand'>>;

/**
 * The one harness of the decoder tests: each case is a fixture of test/fixtures/ and the verdicts it
 * must give (compared on the fields the expectation names), every verdict read by `decoder`.
 */
export function decoderTable(
  decoder: string,
  cases: readonly (readonly [string, ExpectedVerdict[]])[],
): void {
  for (const [fixture, expected] of cases) {
    test(`${decoder}: ${fixture}`, () => {
      const raw = readFileSync(new URL(`../../../test/fixtures/${fixture}.eml`, import.meta.url));
      const verdicts = classify(raw);
      const fields = Object.keys(expected[0] ?? {}) as (keyof ExpectedVerdict)[];
      assert.deepEqual(
        verdicts.map((v) => Object.fromEntries(fields.map((field) => [field, v[field]]))),
        expected,
      );
      for (const v of verdicts) assert.equal(v.decoder, decoder);
    });
  }
}
