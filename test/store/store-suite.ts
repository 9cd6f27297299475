import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Verdict } from '../../src/classify/types.js';
import { ReboundError } from '../../src/errors.js';
import { freshAddressRow, type NewEvent, type Store } from '../../src/store/store.js';
import { withStore, type Backend } from './backends.js';

/** The one suite every Store implementation passes. */
export function storeSuite(backend: Backend): void {
  const it = (
    name: string,
    fn: (store: Store, h: Parameters<Parameters<typeof withStore>[2]>[0]) => Promise<void>,
  ) => test(`${backend.name}: ${name}`, (t) => withStore(backend, t, (h) => fn(h.store, h)));

  it('migrates once, keeps data across a restart, refuses a newer schema', async (store, h) => {
    const account = await store.createAccount('acme', { softBounceRetries: 3 });
    const again = await h.reopen();
    assert.deepEqual((await again.getAccount(account.id))?.settings, { softBounceRetries: 3 });
    await h.setSchemaVersion(99);
    await assert.rejects(
      h.reopen(),
      (err: unknown) => err instanceof ReboundError && err.code === 'database_too_new',
    );
  });

  it('accounts: first account, settings update, unknown id', async (store) => {
    const a = await store.createAccount('first');
    await store.createAccount('second');
    assert.equal((await store.firstAccount())?.id, a.id);
    await store.updateAccountSettings(a.id, { softBounceRetries: 2, complaintsBlock: false });
    assert.deepEqual((await store.getAccount(a.id))?.settings, {
      softBounceRetries: 2,
      complaintsBlock: false,
    });
    assert.equal(await store.getAccount('nope'), undefined);
  });

  it('api keys are found by hash and counted by role', async (store) => {
    const a = await store.createAccount('a');
    const key = await store.insertApiKey({ accountId: a.id, role: 'admin', name: 'k', secretHash: 'h1' });
    await store.insertApiKey({ accountId: a.id, role: 'user', name: 'u', secretHash: 'h2' });
    const found = await store.findApiKeyByHash('h1');
    assert.equal(found?.id, key.id);
    assert.equal(found?.role, 'admin');
    assert.equal(found?.revokedAt, null);
    assert.equal(await store.findApiKeyByHash('h3'), undefined);
    assert.equal(await store.countApiKeys(a.id), 2);
    assert.equal(await store.countApiKeys(a.id, 'admin'), 1);
  });

  it('a bounce is stored once per account, raw bytes round-trip compressed', async (store) => {
    const [a, b] = [await store.createAccount('a'), await store.createAccount('b')];
    const raw = new TextEncoder().encode('Subject: bounce\r\n\r\n' + 'x'.repeat(5000));
    const bounce = {
      receivedAt: '2026-01-01T00:00:00.000Z',
      sha256: 'abc',
      raw,
      verdicts: [] as Verdict[],
      messageId: '<m>',
    };
    const id = await store.transaction((tx) => tx.insertBounce({ ...bounce, accountId: a.id }));
    assert.ok(id);
    assert.equal(await store.transaction((tx) => tx.insertBounce({ ...bounce, accountId: a.id })), undefined);
    assert.ok(await store.transaction((tx) => tx.insertBounce({ ...bounce, accountId: b.id })));
    const row = await store.findBounceBySha(a.id, 'abc');
    assert.equal(row?.id, id);
    assert.equal(row?.size, raw.byteLength);
    assert.equal(row?.messageId, '<m>');
    assert.deepEqual(await store.getBounceRaw(a.id, id), raw);
    assert.equal(await store.getBounceRaw(b.id, id), undefined);
    assert.equal(await store.getBounceRaw(a.id, 'not-an-id'), undefined);
    const found = await store.findBouncesBySha(a.id, ['abc', 'nope']);
    assert.deepEqual([...found.keys()], ['abc']);
    assert.deepEqual(found.get('abc'), row);
    assert.equal((await store.findBouncesBySha(a.id, [])).size, 0);
  });

  it('writeAddresses inserts rows never locked and replaces stored ones, in one call', async (store) => {
    const a = await store.createAccount('a');
    const now = '2026-01-01T00:00:00.000Z';
    const rows = ['x@d.test', 'y@d.test'].map((address) => freshAddressRow(a.id, address, now));
    await store.transaction((tx) => tx.writeAddresses(rows));
    const blocked = {
      ...rows[0]!,
      status: 'blocked' as const,
      reason: 'userunknown' as const,
      blockedAt: now,
    };
    await store.transaction((tx) => tx.writeAddresses([blocked]));
    const got = await store.getAddresses(a.id, ['x@d.test', 'y@d.test']);
    assert.deepEqual(got.get('x@d.test'), blocked);
    assert.deepEqual(got.get('y@d.test'), rows[1]);
  });

  it('events: dedupe key counts once, history in event-time order, state changes not signals', async (store) => {
    const a = await store.createAccount('a');
    const e = event(a.id, 'x@d.test', '2026-01-02T00:00:00.000Z', 'k1');
    const ids = await store.transaction(async (tx) => [
      await tx.appendEvent(e),
      await tx.appendEvent(e),
      await tx.appendEvent(event(a.id, 'x@d.test', '2026-01-01T00:00:00.000Z', null)),
      await tx.appendEvent(event(a.id, 'x@d.test', '2026-01-01T00:00:00.000Z', null)),
      await tx.appendEvent({
        ...event(a.id, 'x@d.test', '2026-01-03T00:00:00.000Z', null),
        type: 'state-changed',
      }),
    ]);
    assert.ok(ids[0]);
    assert.equal(ids[1], undefined);
    assert.ok(ids[2] && ids[3]);
    const history = await store.addressHistory(a.id, 'x@d.test');
    assert.deepEqual(
      history.map((h) => h.at),
      [
        '2026-01-01T00:00:00.000Z',
        '2026-01-01T00:00:00.000Z',
        '2026-01-02T00:00:00.000Z',
        '2026-01-03T00:00:00.000Z',
      ],
    );
    assert.deepEqual(history[2]?.data, { decoder: 'test' });
    const signals = await store.transaction((tx) => tx.signalEvents(a.id, 'x@d.test'));
    assert.deepEqual(
      signals.map((s) => s.id),
      [ids[0], ids[2], ids[3]],
    );
  });

  it('addresses: created fresh, written, read in bulk, listed by filter with keyset', async (store) => {
    const a = await store.createAccount('a');
    const now = '2026-01-01T00:00:00.000Z';
    const addresses = ['c@one.test', 'a@two.test', 'b@one.test'];
    await store.transaction(async (tx) => {
      const rows = await tx.lockAddresses(a.id, addresses);
      assert.deepEqual([...rows.keys()].sort(), [...addresses].sort());
      assert.equal(rows.get('a@two.test')?.status, 'active');
      await tx.writeAddresses(
        [...rows.values()].map((row) => {
          const blocked = row.address.endsWith('one.test');
          return {
            ...row,
            status: blocked ? 'blocked' : 'soft',
            reason: blocked ? 'userunknown' : 'mailboxfull',
            blockedAt: blocked ? now : null,
            softBounces: blocked ? 0 : 2,
            lastSoftAt: blocked ? null : now,
            explanation: 'why',
            updatedAt: now,
          };
        }),
      );
    });
    const got = await store.getAddresses(a.id, ['b@one.test', 'zz@none.test']);
    assert.deepEqual([...got.keys()], ['b@one.test']);
    assert.deepEqual(got.get('b@one.test'), {
      ...freshAddressRow(a.id, 'b@one.test', now),
      status: 'blocked',
      reason: 'userunknown',
      blockedAt: now,
      explanation: 'why',
    });
    // The send gate's read: the same rows, its columns only, at their places in the list, whatever the
    // list's order and repeats.
    const gate = await store.gateRows(a.id, [
      'zz@none.test',
      'c@one.test',
      'a@two.test',
      'c@one.test',
      'b@one.test',
    ]);
    const standing = { explanation: 'why', blockedAt: null, lastSoftAt: null, softBounces: 0 };
    const blocked = { ...standing, status: 'blocked', reason: 'userunknown', blockedAt: now };
    assert.deepEqual(gate, [
      undefined,
      blocked,
      { ...standing, status: 'soft', reason: 'mailboxfull', softBounces: 2, lastSoftAt: now },
      blocked,
      blocked,
    ]);
    const list = (f: Parameters<Store['listAddresses']>[1], after: string | null = null) =>
      store.listAddresses(a.id, f, { after, limit: 10 }).then((rows) => rows.map((r) => r.address));
    assert.deepEqual(await list({}), ['a@two.test', 'b@one.test', 'c@one.test']);
    assert.deepEqual(await list({ status: 'blocked' }), ['b@one.test', 'c@one.test']);
    assert.deepEqual(await list({ domain: 'two.test' }), ['a@two.test']);
    assert.deepEqual(await list({ reason: 'userunknown' }, 'b@one.test'), ['c@one.test']);
    const other = await store.createAccount('b');
    assert.equal((await store.getAddresses(other.id, addresses)).size, 0);
    assert.deepEqual(
      await store.gateRows(other.id, addresses),
      addresses.map(() => undefined),
    );
  });

  it("the send gate's read gives text back as written: quotes, controls, non-ASCII", async (store) => {
    const a = await store.createAccount('a');
    const now = '2026-01-01T00:00:00.000Z';
    // Strings special to a PostgreSQL array literal or to JSON, asked in one list with none to escape
    // for JSON and in one with some.
    const plain = ['jörg@bücher.test', "o'brien@例え.test", 'a{b},c d@x.test', 'NULL'];
    const escaped = ['back\\slash@x.test', 'quo"te@x.test', 'tab\there@x.test', 'nul\u0001@x.test'];
    const explanation = 'said: "no" \\ é 📮\n\tend';
    await store.transaction((tx) =>
      tx.writeAddresses(
        [...plain, ...escaped].map((address) => ({ ...freshAddressRow(a.id, address, now), explanation })),
      ),
    );
    for (const asked of [plain, escaped]) {
      const gate = await store.gateRows(a.id, [...asked, 'never@x.test']);
      assert.deepEqual(
        gate.map((row) => row?.explanation),
        [...asked.map(() => explanation), undefined],
      );
    }
  });

  it('a failing transaction leaves nothing behind', async (store) => {
    const a = await store.createAccount('a');
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.appendEvent(event(a.id, 'x@d.test', '2026-01-01T00:00:00.000Z', 'k'));
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal((await store.addressHistory(a.id, 'x@d.test')).length, 0);
  });

  it('concurrent transactions on one address lose no update', async (store) => {
    const a = await store.createAccount('a');
    const bump = () =>
      store.transaction(async (tx) => {
        const row = (await tx.lockAddresses(a.id, ['x@d.test'])).get('x@d.test');
        assert.ok(row);
        await new Promise((r) => setTimeout(r, 1));
        await tx.writeAddresses([{ ...row, softBounces: row.softBounces + 1 }]);
      });
    await Promise.all(Array.from({ length: 20 }, bump));
    assert.equal((await store.getAddresses(a.id, ['x@d.test'])).get('x@d.test')?.softBounces, 20);
  });

  it('counts events by day, reason and domain; lists bounce events newest first', async (store) => {
    const a = await store.createAccount('a');
    const bounceId = await store.transaction((tx) =>
      tx.insertBounce({
        accountId: a.id,
        receivedAt: '2026-01-02T00:00:00.000Z',
        sha256: 's',
        raw: new Uint8Array([1]),
        verdicts: [],
        messageId: null,
      }),
    );
    assert.ok(bounceId);
    await store.transaction(async (tx) => {
      await tx.appendEvent({
        ...event(a.id, 'x@one.test', '2026-01-01T10:00:00.000Z', null),
        type: 'sent',
        reason: null,
        kind: null,
      });
      await tx.appendEvent({
        ...event(a.id, 'y@two.test', '2026-01-01T11:00:00.000Z', null),
        type: 'sent',
        reason: null,
        kind: null,
      });
      await tx.appendEvent({ ...event(a.id, 'x@one.test', '2026-01-02T10:00:00.000Z', 'b1'), bounceId });
      await tx.appendEvent({
        ...event(a.id, 'y@two.test', '2026-01-02T10:00:00.000Z', 'b2'),
        bounceId,
        reason: 'mailboxfull',
        kind: 'soft',
      });
    });
    const range = { from: '2026-01-01T00:00:00.000Z', to: '2026-01-03T00:00:00.000Z' };
    const simple = (rows: Awaited<ReturnType<Store['countEvents']>>) =>
      rows.map((r) => `${r.key} ${r.type} ${r.kind} ${r.count}`);
    assert.deepEqual(simple(await store.countEvents(a.id, range, 'day')), [
      '2026-01-01 sent null 2',
      '2026-01-02 bounced hard 1',
      '2026-01-02 bounced soft 1',
    ]);
    assert.deepEqual(simple(await store.countEvents(a.id, range, 'domain')), [
      'one.test bounced hard 1',
      'one.test sent null 1',
      'two.test bounced soft 1',
      'two.test sent null 1',
    ]);
    assert.deepEqual(simple(await store.countEvents(a.id, range, 'reason')), [
      'mailboxfull bounced soft 1',
      'none sent null 2',
      'userunknown bounced hard 1',
    ]);
    const listed = await store.listBounceEvents(a.id, {}, { after: null, limit: 10 });
    assert.deepEqual(
      listed.map((e) => e.address),
      ['y@two.test', 'x@one.test'],
    );
    assert.equal(listed[0]?.bounceId, bounceId);
    const page2 = await store.listBounceEvents(a.id, {}, { after: listed[0]?.id ?? null, limit: 10 });
    assert.deepEqual(
      page2.map((e) => e.address),
      ['x@one.test'],
    );
    const filtered = await store.listBounceEvents(
      a.id,
      { kind: 'soft', domain: 'two.test', since: '2026-01-01T00:00:00.000Z' },
      { after: null, limit: 10 },
    );
    assert.deepEqual(
      filtered.map((e) => e.reason),
      ['mailboxfull'],
    );
    assert.equal(
      (await store.listBounceEvents(a.id, { until: '2026-01-01T00:00:00.000Z' }, { after: null, limit: 10 }))
        .length,
      0,
    );
  });
}

export function event(accountId: string, address: string, at: string, dedupeKey: string | null): NewEvent {
  return {
    accountId,
    address,
    type: 'bounced',
    at,
    receivedAt: at,
    reason: 'userunknown',
    kind: 'hard',
    status: '5.1.1',
    diagnosticCode: '550 5.1.1 unknown',
    bounceId: null,
    messageId: null,
    dedupeKey,
    data: { decoder: 'test' },
  };
}
