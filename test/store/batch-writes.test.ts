import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import type { Verdict } from '../../src/classify/types.js';
import { compressRaw } from '../../src/store/raw-codec.js';
import type { NewBounce, Store } from '../../src/store/store.js';
import { BACKENDS, withStore } from './backends.js';
import { event as eventAt } from './store-suite.js';

/** The batch write paths (StoreTx.insertBounces, appendFreshEvent) on every store. */
for (const backend of BACKENDS) {
  const it = (name: string, fn: (store: Store) => Promise<void>) =>
    test(`${backend.name}: ${name}`, (t) => withStore(backend, t, (h) => fn(h.store)));

  it('insertBounces stores the new mails in order and skips hashes already stored', async (store) => {
    const a = await store.createAccount('a');
    const [first] = await store.transaction((tx) => tx.insertBounces([bounce(a.id, 'h1', 'one')]));
    const ids = await store.transaction((tx) =>
      tx.insertBounces([bounce(a.id, 'h2', 'two'), bounce(a.id, 'h1', 'one'), bounce(a.id, 'h3', 'three')]),
    );
    assert.ok(first);
    assert.equal(ids[1], undefined);
    assert.ok(ids[0] && ids[2] && Number(ids[0]) < Number(ids[2]));
    const found = await store.findBouncesBySha(a.id, ['h1', 'h2', 'h3']);
    assert.deepEqual([...found.values()].map((b) => [b.sha256, b.id]).sort(), [
      ['h1', first],
      ['h2', ids[0]],
      ['h3', ids[2]],
    ]);
    assert.equal(new TextDecoder().decode(await store.getBounceRaw(a.id, ids[2] ?? '')), 'three');
    assert.equal(found.get('h3')?.size, 'three'.length);
  });

  it('a bounce compressed by a worker is stored as given and reads back', async (store) => {
    const a = await store.createAccount('a');
    const raw = new TextEncoder().encode('Subject: x\r\n\r\n' + 'y'.repeat(3000));
    const [id] = await store.transaction((tx) =>
      // A plain Uint8Array, as a Buffer arrives from a worker thread.
      tx.insertBounces([{ ...bounce(a.id, 'gz', ''), raw, compressed: new Uint8Array(compressRaw(raw)) }]),
    );
    assert.deepEqual(await store.getBounceRaw(a.id, id ?? ''), raw);
  });

  it('a bounce stored gzip-compressed, as before brotli, reads back', async (store) => {
    const a = await store.createAccount('a');
    const raw = new TextEncoder().encode('Subject: old\r\n\r\n' + 'z'.repeat(3000));
    const [id] = await store.transaction((tx) =>
      tx.insertBounces([{ ...bounce(a.id, 'old', ''), raw, compressed: gzipSync(raw, { level: 1 }) }]),
    );
    assert.deepEqual(await store.getBounceRaw(a.id, id ?? ''), raw);
  });

  it('fresh events get increasing ids at once and are all stored, in order, by commit', async (store) => {
    const a = await store.createAccount('a');
    const ids = await store.transaction(async (tx) => {
      const out = [];
      for (let i = 0; i < 7; i++)
        out.push(await tx.appendFreshEvent(event(a.id, `2026-01-0${i + 1}`, `k${i}`)));
      return out;
    });
    assert.deepEqual(
      ids.map(Number),
      [...ids.map(Number)].sort((x, y) => x - y),
    );
    assert.equal(new Set(ids).size, 7);
    const history = await store.addressHistory(a.id, 'x@d.test');
    assert.deepEqual(
      history.map((e) => e.id),
      ids,
    );
    assert.deepEqual(history[3]?.data, { decoder: 'test' });
  });

  it('fresh events are visible to a read of signals and to an address write in the same transaction', async (store) => {
    const a = await store.createAccount('a');
    await store.transaction(async (tx) => {
      const rows = await tx.lockAddresses(a.id, ['x@d.test']);
      const id = await tx.appendFreshEvent(event(a.id, '2026-01-01', 'k1'));
      assert.deepEqual(
        (await tx.signalEvents(a.id, 'x@d.test')).map((e) => e.id),
        [id],
      );
      const second = await tx.appendFreshEvent(event(a.id, '2026-01-02', 'k2'));
      const row = rows.get('x@d.test');
      assert.ok(row);
      await tx.writeAddresses([{ ...row, status: 'blocked', decidedBy: second }]);
      assert.deepEqual(
        (await tx.signalEvents(a.id, 'x@d.test')).map((e) => e.id),
        [id, second],
      );
    });
    assert.equal((await store.getAddresses(a.id, ['x@d.test'])).get('x@d.test')?.status, 'blocked');
    assert.equal((await store.addressHistory(a.id, 'x@d.test')).length, 2);
  });

  it('a failing transaction drops the fresh events it held', async (store) => {
    const a = await store.createAccount('a');
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.appendFreshEvent(event(a.id, '2026-01-01', 'k1'));
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.deepEqual(await store.addressHistory(a.id, 'x@d.test'), []);
  });
}

function bounce(accountId: string, sha256: string, text: string): NewBounce {
  return {
    accountId,
    receivedAt: '2026-01-01T00:00:00.000Z',
    sha256,
    raw: new TextEncoder().encode(text),
    verdicts: [] as Verdict[],
    messageId: null,
  };
}

/** An event of x@d.test on that day. */
function event(accountId: string, day: string, dedupeKey: string) {
  return eventAt(accountId, 'x@d.test', `${day}T00:00:00.000Z`, dedupeKey);
}
