import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { classify } from '../../../src/classify/classify.js';
import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  // Smail's framed notice: the failed address under its heading; the quoted original's To/Cc are not.
  ['daemon-notice-smail', [{ recipient: 'dan@nowhere.example.org', reason: 'hostunknown' }]],
  // One line naming the failure and the address.
  ['daemon-notice-one-line', [{ recipient: 'kim@example.jp', reason: 'mailboxfull' }]],
  // An address alone under a heading of failed recipients: found, the reason left open.
  ['daemon-notice-list', [{ recipient: 'lee@example.or.jp', reason: 'onhold' }]],
];

decoderTable('daemon-notice', CASES);

test('daemon-notice: a person quoting a bounce is no bounce', () => {
  const raw = readFileSync(
    new URL('../../../../test/fixtures/daemon-notice-not-a-daemon.eml', import.meta.url),
  );
  assert.deepEqual(classify(raw), []);
});
