import assert from 'node:assert/strict';
import { test } from 'node:test';
import { PreparePool } from '../../src/cli/import-pool.js';
import { ReboundError } from '../../src/errors.js';
import { prepareMail } from '../../src/service/ingest-batch.js';
import { decompressRaw } from '../../src/store/raw-codec.js';
import { complaint, hardBounce, softBounce } from '../support/dsn-builder.js';

const mails = (): Uint8Array[] =>
  [
    hardBounce('a@example.org', 'h1', '2026-01-01T00:00:00.000Z'),
    'From: a@example.org\r\nSubject: hello\r\n\r\nJust a note.\r\n',
    softBounce('b@example.org', 's1', '2026-01-02T00:00:00.000Z'),
    '',
    complaint('c@example.org', 'c1', '2026-01-03T00:00:00.000Z'),
  ].map((text) => new Uint8Array(Buffer.from(text)));

test('several workers prepare mails as the main thread does, in order, with the raw mail compressed', async () => {
  const pool = PreparePool.start(2);
  try {
    const here = mails().map(prepareMail);
    // Two batches at once: each comes back to its own caller, whichever worker took it.
    const [first, second] = await Promise.all([pool.prepare(mails()), pool.prepare(mails().reverse())]);
    assert.deepEqual(second?.reverse().map(shape), here.map(shape));
    assert.equal(first?.length, here.length);
    first?.forEach((got, i) => {
      const expected = here[i];
      assert.deepEqual(shape(got), shape(expected));
      if (got instanceof ReboundError || expected === undefined || expected instanceof ReboundError) return;
      assert.deepEqual(got.verdicts, expected.verdicts);
      assert.deepEqual(got.raw, expected.raw);
      assert.ok(got.compressed !== undefined);
      assert.deepEqual(decompressRaw(got.compressed), expected.raw);
    });
  } finally {
    await pool.close();
  }
});

test('a single worker leaves the compression to the writing thread', async () => {
  const pool = PreparePool.start(1);
  try {
    const got = await pool.prepare(mails());
    assert.deepEqual(got.map(shape), mails().map(prepareMail).map(shape));
    for (const mail of got) if (!(mail instanceof ReboundError)) assert.equal(mail.compressed, undefined);
  } finally {
    await pool.close();
  }
});

test('a refusal crosses threads as a ReboundError with its code', async () => {
  const pool = PreparePool.start(1);
  try {
    const [refused] = await pool.prepare([new Uint8Array(Buffer.from('Subject: hi\r\n\r\nno bounce\r\n'))]);
    assert.ok(refused instanceof ReboundError);
    assert.equal(refused.code, 'unreadable_mail');
  } finally {
    await pool.close();
  }
});

test('a pool needs at least one worker', () => {
  assert.throws(() => PreparePool.start(0), TypeError);
});

function shape(mail: ReturnType<typeof prepareMail> | undefined) {
  if (mail === undefined) return undefined;
  if (mail instanceof ReboundError) return { refused: mail.code };
  return { sha256: mail.sha256, reasons: mail.applicable.map((v) => `${v.recipient} ${v.reason}`) };
}
