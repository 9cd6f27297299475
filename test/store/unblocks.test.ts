/** Store.unblocks on both stores: requests decided once, one pending per address, listings, the sweep's read. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { UnblockChecks } from '../../src/guard/unblock/types.js';
import type { Announce } from '../../src/store/outbox.js';
import { freshAddressRow, type AddressRow, type Store } from '../../src/store/store.js';
import type { UnblockRequestDecision, UnblockRequestRow } from '../../src/store/unblocks.js';
import { BACKENDS, withStore } from './backends.js';

const CHECKS = {
  checkedAt: '2026-01-01T00:00:00.000Z',
  syntax: { ok: true, address: 'a@example.org' },
  domain: { domain: 'example.org', status: 'mail', source: 'mx', hosts: ['mx.example.org'], detail: 'd' },
  block: {
    status: 'blocked',
    reason: 'userunknown',
    kind: 'hard',
    verdictReason: 'userunknown',
    smtpStatus: '5.1.1',
    diagnosticCode: null,
    blockedAt: '2025-12-01T00:00:00.000Z',
    ageDays: 31,
    eventId: '1',
    complaint: false,
    unblocks: 0,
    maxUnblocks: 5,
  },
  probe: { ran: false, why: 'off' },
} satisfies UnblockChecks;

/** The states announced by the store's changes, in order (the events themselves: test/guard). */
let announced: string[] = [];
const announce: Announce<UnblockRequestRow> = async (_tx, row) => void announced.push(row.state);

const ask = (store: Store, accountId: string, address: string) =>
  store.unblocks.insertRequest(
    {
      accountId,
      address,
      reason: 'r',
      requestedBy: 'key:1',
      createdAt: '2026-01-01T00:00:00.000Z',
      checks: CHECKS,
    },
    announce,
  );

function blocked(
  accountId: string,
  address: string,
  blockedAt: string,
  reason: AddressRow['reason'],
): AddressRow {
  return { ...freshAddressRow(accountId, address, blockedAt), status: 'blocked', reason, blockedAt };
}

for (const backend of BACKENDS) {
  const it = (name: string, fn: (store: Store) => Promise<void>) =>
    test(`${backend.name}: ${name}`, (t) => withStore(backend, t, (h) => fn(h.store)));

  it('a request round-trips, is decided once, and one address has one pending request', async (store) => {
    announced = [];
    const a = await store.createAccount('a');
    const first = await ask(store, a.id, 'a@example.org');
    assert.ok(first);
    assert.deepEqual(first.checks, CHECKS);
    assert.equal(first.state, 'pending');
    assert.equal(await ask(store, a.id, 'a@example.org'), undefined, 'a second pending request is refused');
    assert.deepEqual(await store.unblocks.pendingRequest(a.id, 'a@example.org'), first);
    const decision = {
      state: 'approved' as const,
      decidedAt: '2026-01-02T00:00:00.000Z',
      decidedBy: 'key:2',
      note: 'ok',
      consent: 'opt-in form',
    };
    const decide = (d: UnblockRequestDecision) =>
      store.transaction((tx) => tx.decideUnblockRequest(a.id, first.id, d, announce));
    const decided = await decide(decision);
    assert.deepEqual(decided, { ...first, ...decision });
    assert.equal(await decide({ ...decision, state: 'denied' }), undefined);
    assert.deepEqual(await store.unblocks.getRequest(a.id, first.id), decided);
    assert.deepEqual(announced, ['pending', 'approved'], 'the refused changes announce nothing');
    assert.equal(await store.unblocks.pendingRequest(a.id, 'a@example.org'), undefined);
    assert.ok(await ask(store, a.id, 'a@example.org'), 'once decided, a new request may be made');
    assert.equal(await store.unblocks.getRequest(a.id, 'nope'), undefined);
  });

  it('requests are listed newest first, filtered and paged, per account', async (store) => {
    const [a, b] = [await store.createAccount('a'), await store.createAccount('b')];
    const ids = [];
    for (const address of ['x@example.org', 'y@example.org', 'z@example.org']) {
      ids.push((await ask(store, a.id, address))?.id);
    }
    await ask(store, b.id, 'x@example.org');
    const page1 = await store.unblocks.listRequests(a.id, {}, { after: null, limit: 2 });
    assert.deepEqual(
      page1.map((r) => r.id),
      [ids[2], ids[1]],
    );
    const page2 = await store.unblocks.listRequests(a.id, {}, { after: page1[1]?.id ?? null, limit: 2 });
    assert.deepEqual(
      page2.map((r) => r.id),
      [ids[0]],
    );
    const byAddress = await store.unblocks.listRequests(
      a.id,
      { address: 'y@example.org' },
      { after: null, limit: 9 },
    );
    assert.deepEqual(
      byAddress.map((r) => r.id),
      [ids[1]],
    );
    const denied = await store.unblocks.listRequests(a.id, { state: 'denied' }, { after: null, limit: 9 });
    assert.deepEqual(denied, []);
    assert.equal(
      await store.unblocks.getRequest(b.id, ids[0] ?? ''),
      undefined,
      'another account sees nothing',
    );
  });

  it('blocksBefore: bounce blocks only, oldest first, paged by (blockedAt, address)', async (store) => {
    const [a, b] = [await store.createAccount('a'), await store.createAccount('b')];
    await store.transaction((tx) =>
      tx.writeAddresses([
        blocked(a.id, 'c@example.org', '2025-01-02T00:00:00.000Z', 'userunknown'),
        blocked(a.id, 'a@example.org', '2025-01-01T00:00:00.000Z', 'mailboxfull'),
        blocked(a.id, 'b@example.org', '2025-01-02T00:00:00.000Z', 'hostunknown'),
        blocked(a.id, 'late@example.org', '2025-06-01T00:00:00.000Z', 'userunknown'),
        blocked(a.id, 'spam@example.org', '2025-01-01T00:00:00.000Z', 'complaint'),
        blocked(a.id, 'admin@example.org', '2025-01-01T00:00:00.000Z', 'admin'),
        blocked(b.id, 'other@example.org', '2025-01-01T00:00:00.000Z', 'userunknown'),
      ]),
    );
    const before = '2025-03-01T00:00:00.000Z';
    const all = await store.unblocks.blocksBefore(a.id, before, 10);
    assert.deepEqual(
      all.map((r) => r.address),
      ['a@example.org', 'b@example.org', 'c@example.org'],
    );
    const first = await store.unblocks.blocksBefore(a.id, before, 2);
    const last = first.at(-1) as AddressRow;
    const rest = await store.unblocks.blocksBefore(a.id, before, 2, {
      blockedAt: last.blockedAt as string,
      address: last.address,
    });
    assert.deepEqual(
      rest.map((r) => r.address),
      ['c@example.org'],
    );
    assert.equal(all[0]?.lastSoftAt, null);
    const accounts = await store.unblocks.listAccounts();
    assert.deepEqual(
      accounts.map((x) => x.id),
      [a.id, b.id],
    );
  });
}
