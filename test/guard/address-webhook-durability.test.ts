/**
 * Address webhooks are written with the state change they announce, on both stores: a process that dies
 * the instant the ingest commits loses no webhook (after a restart the receiver gets it, once), and an
 * outbox that cannot be written keeps no change unannounced (the ingest fails and can be retried).
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { buildGuardCore } from '../../src/guard/guard-core.js';
import { createSubscription } from '../../src/guard/webhooks-out/subscriptions.js';
import { StoreReboundService } from '../../src/service/rebound-service.js';
import type { Store, StoreTx } from '../../src/store/store.js';
import { BACKENDS, withStore } from '../store/backends.js';
import { BROKEN_OUTBOX, killedAfter } from '../support/crash.js';
import { deliverAll, onlyEvent, receiver } from '../support/webhook-receiver.js';

const quiet = { warn: () => undefined, error: () => undefined };
const ADDRESS = 'gone@example.com';
const HARD = {
  type: 'bounced' as const,
  recipient: ADDRESS,
  reason: 'userunknown' as const,
  status: '5.1.1',
};

/** The store with an outbox that cannot be written inside a transaction. */
function brokenOutbox(store: Store): Store {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'transaction') {
        return <T>(fn: (tx: StoreTx) => Promise<T>) =>
          target.transaction((tx) =>
            fn(
              new Proxy(tx, {
                get(inner, p) {
                  if (p === 'enqueueGuardEvents') return BROKEN_OUTBOX.enqueueGuardEvents;
                  const v: unknown = Reflect.get(inner, p, inner);
                  return typeof v === 'function' ? (v as (...a: unknown[]) => unknown).bind(inner) : v;
                },
              }),
            ),
          );
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

for (const backend of BACKENDS) {
  test(`a process killed right after the ingest commits loses no address webhook [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const hook = await receiver(t);
      const { id: accountId } = await h.store.createAccount('a');
      const sub = await createSubscription(h.store.guard, accountId, { url: hook.url });

      const killed = new Error('killed right after COMMIT');
      const core = buildGuardCore(killedAfter(h.store, 'transaction', killed), quiet);
      const service = new StoreReboundService(core.store);
      await assert.rejects(service.ingestEvents(accountId, [HARD]), killed);

      const store = await h.reopen();
      const row = (await store.getAddresses(accountId, [ADDRESS])).get(ADDRESS);
      assert.equal(row?.status, 'blocked', 'the state change was kept');
      await deliverAll(store.guard);
      const body = onlyEvent(hook.got, sub.secret);
      assert.deepEqual([body.type, body.data.address], ['address.blocked', ADDRESS]);
    });
  });

  test(`an outbox that cannot be written fails the ingest: no change goes unannounced [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const { id: accountId } = await h.store.createAccount('a');
      const core = buildGuardCore(brokenOutbox(h.store), quiet);
      const service = new StoreReboundService(core.store);
      await assert.rejects(service.ingestEvents(accountId, [HARD]), /disk full/);
      assert.equal(
        (await h.store.getAddresses(accountId, [ADDRESS])).get(ADDRESS),
        undefined,
        'nothing kept',
      );
      const retried = new StoreReboundService(buildGuardCore(h.store, quiet).store);
      const [view] = (await retried.ingestEvents(accountId, [HARD])).results;
      assert.equal(view?.status, 'blocked', 'the retry goes through');
    });
  });
}
