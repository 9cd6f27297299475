/**
 * Address webhooks are written with the state change they announce, on both stores: a process that dies
 * the instant the ingest commits loses no webhook (after a restart the receiver gets it, once), and an
 * outbox that cannot be written keeps no change unannounced (the ingest fails and can be retried).
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'node:test';
import { buildGuardCore } from '../../src/guard/guard-core.js';
import { verifySignature } from '../../src/guard/webhooks-out/signature.js';
import { createSubscription } from '../../src/guard/webhooks-out/subscriptions.js';
import { fetchPost, WebhookWorker } from '../../src/guard/webhooks-out/webhook-worker.js';
import { StoreReboundService } from '../../src/service/rebound-service.js';
import type { Store, StoreTx } from '../../src/store/store.js';
import { BACKENDS, withStore } from '../store/backends.js';

const quiet = { warn: () => undefined, error: () => undefined };
const ADDRESS = 'gone@example.com';
const HARD = {
  type: 'bounced' as const,
  recipient: ADDRESS,
  reason: 'userunknown' as const,
  status: '5.1.1',
};

/** A receiver answering 200, recording each body and signature header. */
async function receiver(): Promise<{
  got: { body: string; signature: string }[];
  url: string;
  server: Server;
}> {
  const got: { body: string; signature: string }[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({
        body: Buffer.concat(chunks).toString('utf8'),
        signature: String(req.headers['rebound-signature']),
      });
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { got, url: `http://127.0.0.1:${port}/hook`, server };
}

/** The store as a process sees it that is killed right after its next commit: nothing after it runs. */
function killedAfterCommit(store: Store, killed: Error): Store {
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'transaction') {
        return async (fn: (tx: StoreTx) => Promise<unknown>) => {
          await target.transaction(fn);
          throw killed;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

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
                  if (p === 'enqueueGuardEvents') return async () => Promise.reject(new Error('disk full'));
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
      const hook = await receiver();
      t.after(() => new Promise<void>((resolve) => hook.server.close(() => resolve())));
      const { id: accountId } = await h.store.createAccount('a');
      const sub = await createSubscription(h.store.guard, accountId, { url: hook.url });

      const killed = new Error('killed right after COMMIT');
      const core = buildGuardCore(killedAfterCommit(h.store, killed), quiet);
      const service = new StoreReboundService(core.store);
      await assert.rejects(service.ingestEvents(accountId, [HARD]), killed);

      const store = await h.reopen();
      const row = (await store.getAddresses(accountId, [ADDRESS])).get(ADDRESS);
      assert.equal(row?.status, 'blocked', 'the state change was kept');
      const worker = new WebhookWorker(
        { store: store.guard, post: fetchPost, log: quiet },
        {
          retry: { firstDelayMs: 1000, maxDelayMs: 1000, maxAttempts: 3, jitter: 0 },
          pollMs: 60_000,
          leaseMs: 30_000,
          timeoutMs: 2000,
          batch: 4,
        },
      );
      await worker.drain();
      await worker.drain();
      assert.equal(hook.got.length, 1, 'delivered once');
      const body = JSON.parse(hook.got[0]?.body ?? '{}') as { type: string; data: { address: string } };
      assert.deepEqual([body.type, body.data.address], ['address.blocked', ADDRESS]);
      assert.ok(
        verifySignature(sub.secret, hook.got[0]?.body ?? '', hook.got[0]?.signature ?? '', Date.now() / 1000),
      );
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
