/**
 * Outbound webhooks end to end on both stores, against a real HTTP receiver on 127.0.0.1: a receiver that
 * is down gets the event later, once, even with a Rebound restart in between; one subscription's events go
 * one at a time, in order; every request is signed.
 */
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import test from 'node:test';
import type { GuardEvent } from '../../src/guard/notifications.js';
import { OutboxNotifier } from '../../src/guard/webhooks-out/outbox-notifier.js';
import { verifySignature } from '../../src/guard/webhooks-out/signature.js';
import { createSubscription } from '../../src/guard/webhooks-out/subscriptions.js';
import { DEFAULT_WEBHOOK_RETRY } from '../../src/guard/webhooks-out/retry.js';
import {
  DEFAULT_WEBHOOK_WORKER,
  fetchPost,
  WebhookWorker,
} from '../../src/guard/webhooks-out/webhook-worker.js';
import type { Store } from '../../src/store/store.js';
import { BACKENDS, withStore } from '../store/backends.js';

interface Received {
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

/** A receiver answering `status()` to each POST, recording what came. */
async function receiver(port: number, status: () => number): Promise<{ got: Received[]; server: Server }> {
  const got: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      got.push({ body: Buffer.concat(chunks).toString('utf8'), headers: req.headers });
      res.statusCode = status();
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { got, server };
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

/** A port nothing listens on: taken, then released. */
async function freePort(): Promise<number> {
  const { server } = await receiver(0, () => 200);
  const { port } = server.address() as AddressInfo;
  await close(server);
  return port;
}

const quiet = { warn: () => undefined, error: () => undefined };
const RETRY = { firstDelayMs: 60_000, maxDelayMs: 3600_000, maxAttempts: 5, jitter: 0.2 };

function worker(store: Store, clock: { t: number }): WebhookWorker {
  return new WebhookWorker(
    { store: store.guard, post: fetchPost, log: quiet, now: () => new Date(clock.t), random: () => 0.5 },
    { retry: RETRY, pollMs: 60_000, leaseMs: 30_000, timeoutMs: 2000, batch: 4 },
  );
}

const event = (n: number) => ({
  type: 'address.blocked' as const,
  accountId: '',
  at: new Date(Date.UTC(2026, 0, 1, 0, 0, n)).toISOString(),
  data: { address: `a${n}@example.com`, explanation: `Blocked ${n}.` },
});

/** The event written to the outbox as a state change writes it: in a store transaction. */
async function stored(store: Store, e: GuardEvent): Promise<void> {
  await store.transaction((tx) => new OutboxNotifier().notifyWithin(tx, [e]));
}

for (const backend of BACKENDS) {
  test(`a receiver that is down gets the event later, once, across a restart [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const account = await h.store.createAccount('a');
      const port = await freePort();
      const sub = await createSubscription(h.store.guard, account.id, {
        url: `http://127.0.0.1:${port}/hook`,
      });
      await stored(h.store, { ...event(1), accountId: account.id });
      const clock = { t: Date.now() };
      await worker(h.store, clock).drain();
      let [delivery] = await h.store.guard.listDeliveries(account.id, sub.id, { after: null, limit: 10 });
      assert.equal(delivery?.state, 'pending');
      assert.equal(delivery?.attempts, 1);
      assert.match(delivery?.error ?? '', /no answer/);
      assert.equal(
        delivery?.nextAttemptAt,
        new Date(clock.t + 60_000).toISOString(),
        'first retry after 60 s',
      );

      const store = await h.reopen();
      const { got, server } = await receiver(port, () => 204);
      try {
        const restarted = worker(store, clock);
        await restarted.drain();
        assert.equal(got.length, 0, 'not before its retry time');
        clock.t += 61_000;
        await restarted.drain();
        await restarted.drain();
        assert.equal(got.length, 1, 'delivered once');
        const body = JSON.parse(got[0]?.body ?? '{}') as {
          id: string;
          type: string;
          data: { address: string };
        };
        assert.equal(body.type, 'address.blocked');
        assert.equal(body.data.address, 'a1@example.com');
        assert.equal(got[0]?.headers['rebound-event-id'], body.id);
        const signature = String(got[0]?.headers['rebound-signature']);
        assert.ok(verifySignature(sub.secret, got[0]?.body ?? '', signature, clock.t / 1000));
        assert.ok(!verifySignature('whsec_other', got[0]?.body ?? '', signature, clock.t / 1000));
        assert.ok(!verifySignature(sub.secret, `${got[0]?.body ?? ''} `, signature, clock.t / 1000));
        [delivery] = await store.guard.listDeliveries(account.id, sub.id, { after: null, limit: 10 });
        assert.equal(delivery?.state, 'delivered');
        assert.equal(delivery?.responseCode, 204);
        assert.equal(delivery?.attempts, 2);
      } finally {
        await close(server);
      }
    });
  });

  test(`one subscription's events go one at a time, in order; attempts run out [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const account = await h.store.createAccount('a');
      let answers = [500, 500];
      const { got, server } = await receiver(0, () => answers.shift() ?? 200);
      try {
        const { port } = server.address() as AddressInfo;
        const url = `http://127.0.0.1:${port}/`;
        const sub = await createSubscription(h.store.guard, account.id, {
          url,
          eventTypes: ['address.blocked'],
        });
        for (const n of [1, 2, 3]) await stored(h.store, { ...event(n), accountId: account.id });
        await stored(h.store, { ...event(4), type: 'alert.opened', accountId: account.id });
        const clock = { t: Date.now() };
        const w = worker(h.store, clock);
        await w.drain();
        clock.t += 3600_000;
        await w.drain();
        clock.t += 3600_000;
        await w.drain();
        const addresses = got.map((r) => (JSON.parse(r.body) as { data: { address: string } }).data.address);
        assert.deepEqual(addresses, [
          'a1@example.com',
          'a1@example.com',
          'a1@example.com',
          'a2@example.com',
          'a3@example.com',
        ]);
        const log = await h.store.guard.listDeliveries(account.id, sub.id, { after: null, limit: 10 });
        assert.deepEqual(
          log.map((d) => [d.state, d.attempts]),
          [
            ['delivered', 1],
            ['delivered', 1],
            ['delivered', 3],
          ],
        );

        answers = Array.from({ length: RETRY.maxAttempts }, () => 503);
        await stored(h.store, { ...event(5), accountId: account.id });
        for (let i = 0; i < RETRY.maxAttempts; i++) {
          await w.drain();
          clock.t += RETRY.maxDelayMs * 2;
        }
        const [last] = await h.store.guard.listDeliveries(account.id, sub.id, { after: null, limit: 1 });
        assert.equal(last?.state, 'failed');
        assert.equal(last?.attempts, RETRY.maxAttempts);
        assert.equal(last?.responseCode, 503);
      } finally {
        await close(server);
      }
    });
  });
}

test('a worker that was not started leaves the outbox to the one that was, however often poked', async () => {
  let claims = 0;
  const store = {
    claimDeliveries: async () => {
      claims++;
      return [];
    },
  } as unknown as ConstructorParameters<typeof WebhookWorker>[0]['store'];
  const worker = new WebhookWorker(
    { store, post: fetchPost, log: { warn: () => undefined, error: () => undefined } },
    { ...DEFAULT_WEBHOOK_WORKER, pollMs: 60_000, retry: DEFAULT_WEBHOOK_RETRY },
  );
  for (let i = 0; i < 5; i++) worker.poke();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(claims, 0, 'a CLI command: the server delivers');
  worker.start();
  await worker.stop();
  assert.ok(claims >= 1, 'started, it looks at once');
  const seen = claims;
  worker.poke();
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(claims, seen, 'stopped, it looks no more');
});
