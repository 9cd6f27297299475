import assert from 'node:assert/strict';
import { test } from 'node:test';
import { mailsOf, MailPack } from '../../src/cli/import-pack.js';
import { PreparePool } from '../../src/cli/import-pool.js';
import { ReboundError } from '../../src/errors.js';
import { prepareMail } from '../../src/service/ingest-batch.js';
import type { ClassifiedMail } from '../../src/service/ingest-bounce.js';
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

test('several workers prepare mails as the main thread does, in order, then compress them', async () => {
  const pool = PreparePool.start(2);
  try {
    const here = mails().map(prepareMail);
    // Two batches at once: each comes back to its own caller, whichever worker took it.
    const [first, second] = await Promise.all([
      pool.prepare(packed(mails())).mails,
      pool.prepare(packed(mails().reverse())).mails,
    ]);
    assert.deepEqual(second?.reverse().map(shape), here.map(shape));
    assert.equal(first?.length, here.length);
    first?.forEach((got, i) => {
      const expected = here[i];
      assert.deepEqual(shape(got), shape(expected));
      if (got instanceof ReboundError || expected === undefined || expected instanceof ReboundError) return;
      assert.deepEqual(got.verdicts, expected.verdicts);
      assert.ok(Buffer.from(got.raw).equals(expected.raw));
    });
    // Nothing else waits for the workers: they compress what they answered.
    const stored = [...first, ...second].filter((m): m is ClassifiedMail => !(m instanceof ReboundError));
    await until(() => stored.every((m) => m.compressed !== undefined));
    for (const mail of stored)
      assert.ok(Buffer.from(decompressRaw(mail.compressed as Uint8Array)).equals(mail.raw));
  } finally {
    await pool.close();
  }
});

test('a batch being written is not compressed any more', async () => {
  const pool = PreparePool.start(1);
  try {
    // Large enough that the worker, compressing while idle, cannot finish the batch (~0.35 s of
    // work) in the moment between its answers and the writing() below, even on a loaded machine.
    const many = Array.from({ length: 10_000 }, (_, i) =>
      hardBounce(`u${i}@example.org`, `h${i}`, '2026-01-01T00:00:00.000Z'),
    );
    const batch = pool.prepare(packed(many.map((text) => Buffer.from(text))));
    const got = await batch.mails;
    batch.writing();
    // A later batch's compression shows that the worker has gone past the first one.
    const next = pool.prepare(packed(mails()));
    const later = (await next.mails).filter((m): m is ClassifiedMail => !(m instanceof ReboundError));
    await until(() => later.every((m) => m.compressed !== undefined));
    const compressed = got.filter((m) => !(m instanceof ReboundError) && m.compressed !== undefined).length;
    assert.ok(compressed < got.length, `${compressed} of ${got.length} compressed`);
  } finally {
    await pool.close();
  }
});

test('the writing thread compresses the batch it waits for, and the mails come back with it', async () => {
  const pool = PreparePool.start(1);
  try {
    const many = Array.from({ length: 2_000 }, (_, i) =>
      Buffer.from(hardBounce(`w${i}@example.org`, `h${i}`, '2026-01-01T00:00:00.000Z')),
    );
    // Asked at once: the answer cannot have come, so at least the first chunk is compressed here.
    const got = await pool.prepare(packed(many)).answered();
    const first = got.slice(0, 32);
    for (const [i, mail] of first.entries()) {
      assert.ok(!(mail instanceof ReboundError) && mail.compressed !== undefined, `mail ${i} compressed`);
      assert.ok(Buffer.from(decompressRaw(mail.compressed)).equals(many[i] as Buffer), `mail ${i} bytes`);
    }
  } finally {
    await pool.close();
  }
});

test('a refusal crosses threads as a ReboundError with its code', async () => {
  const pool = PreparePool.start(1);
  try {
    const [refused] = await pool.prepare(packed([Buffer.from('Subject: hi\r\n\r\nno bounce\r\n')])).mails;
    assert.ok(refused instanceof ReboundError);
    assert.equal(refused.code, 'unreadable_mail');
  } finally {
    await pool.close();
  }
});

test('a pack gives back each mail as it was added, across its growth', () => {
  const pack = new MailPack();
  const added = [Buffer.alloc(0), Buffer.from('a'), Buffer.alloc(3 << 20, 7), Buffer.from('tail')];
  for (const mail of added) pack.add(mail);
  assert.equal(pack.count, 4);
  assert.equal(pack.bytes, (3 << 20) + 5);
  const got = mailsOf(pack.packed());
  assert.equal(got.length, added.length);
  got.forEach((mail, i) => assert.ok(Buffer.from(mail).equals(added[i] as Buffer), `mail ${i}`));
});

test('a pool needs at least one worker', () => {
  assert.throws(() => PreparePool.start(0), TypeError);
});

function packed(raws: Uint8Array[]) {
  const pack = new MailPack();
  for (const raw of raws) pack.add(raw);
  return pack.packed();
}

async function until(done: () => boolean): Promise<void> {
  for (let waited = 0; !done(); waited += 10) {
    if (waited > 10_000) throw new Error('timed out');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

function shape(mail: ReturnType<typeof prepareMail> | undefined) {
  if (mail === undefined) return undefined;
  if (mail instanceof ReboundError) return { refused: mail.code };
  return { sha256: mail.sha256, reasons: mail.applicable.map((v) => `${v.recipient} ${v.reason}`) };
}
