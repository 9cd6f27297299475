/** A webhook receiver on loopback, and a delivery worker that sends what the outbox holds to it. */
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';
import { verifySignature } from '../../src/guard/webhooks-out/signature.js';
import { fetchPost, WebhookWorker } from '../../src/guard/webhooks-out/webhook-worker.js';
import type { GuardStore } from '../../src/store/guard.js';

export interface Received {
  body: string;
  signature: string;
}

/** A receiver answering 200, recording each body and signature header; closed when the test ends. */
export async function receiver(t: TestContext): Promise<{ got: Received[]; url: string }> {
  const got: Received[] = [];
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
  t.after(() => new Promise<void>((resolve) => server.close(() => resolve())));
  const { port } = server.address() as AddressInfo;
  return { got, url: `http://127.0.0.1:${port}/hook` };
}

/** Delivers every due event, twice over: an event delivered more than once would show. */
export async function deliverAll(store: GuardStore): Promise<void> {
  const quiet = { warn: () => undefined, error: () => undefined };
  const worker = new WebhookWorker(
    { store, post: fetchPost, log: quiet },
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
}

/** The one event received, checked against the subscription's secret; fails on none or several. */
export function onlyEvent(
  got: readonly Received[],
  secret: string,
): { type: string; data: Record<string, unknown> } {
  assert.equal(got.length, 1, 'delivered once');
  const [only] = got as [Received];
  assert.ok(verifySignature(secret, only.body, only.signature, Date.now() / 1000), 'signed');
  return JSON.parse(only.body) as { type: string; data: Record<string, unknown> };
}
