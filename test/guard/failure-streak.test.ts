import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ReboundError } from '../../src/errors.js';
import { FailureStreak } from '../../src/guard/failure-streak.js';
import { DEFAULT_WEBHOOK_RETRY } from '../../src/guard/webhooks-out/retry.js';
import { DEFAULT_WEBHOOK_WORKER, WebhookWorker } from '../../src/guard/webhooks-out/webhook-worker.js';

function recordingLog() {
  const lines: { level: 'warn' | 'error'; o: object; m: string }[] = [];
  return {
    lines,
    warn: (o: object, m: string) => lines.push({ level: 'warn', o, m }),
    error: (o: object, m: string) => lines.push({ level: 'error', o, m }),
  };
}

test('an outage is two lines: its first failure, then the recovery with the count of failed passes', () => {
  const log = recordingLog();
  const streak = new FailureStreak(log, 'webhooks: outbox pass');
  streak.succeeded();
  assert.equal(log.lines.length, 0, 'passes that work say nothing');
  for (let i = 0; i < 30; i++) streak.failed(new ReboundError('database_unavailable'));
  assert.equal(log.lines.length, 1);
  assert.equal(log.lines[0]?.level, 'error');
  assert.match(log.lines[0]?.m ?? '', /^webhooks: outbox pass failed/);
  streak.failed(new TypeError('x is undefined'));
  assert.equal(log.lines.length, 2, 'a different failure is logged when it starts');
  streak.succeeded();
  streak.succeeded();
  assert.equal(log.lines.length, 3);
  assert.deepEqual(log.lines[2], {
    level: 'warn',
    o: { failedPasses: 1 },
    m: 'webhooks: outbox pass works again',
  });
  streak.failed(new ReboundError('database_unavailable'));
  assert.equal(log.lines.length, 4, 'after a recovery, the next outage is logged again');
});

test('the webhook worker logs a database outage once, however many polls fail, and its end', async () => {
  const log = recordingLog();
  let down = true;
  const worker = new WebhookWorker(
    {
      store: {
        claimDeliveries: async () => {
          if (down)
            throw new ReboundError('database_unavailable', 'PostgreSQL is unreachable (read ECONNRESET)');
          return [];
        },
        finishDelivery: async () => undefined,
      },
      post: async () => ({ status: 200 }),
      log,
    },
    { ...DEFAULT_WEBHOOK_WORKER, retry: DEFAULT_WEBHOOK_RETRY },
  );
  const pass = async () => {
    worker.poke();
    await new Promise((resolve) => setImmediate(resolve));
  };
  worker.start();
  for (let i = 0; i < 10; i++) await pass();
  down = false;
  await pass();
  await worker.stop();
  assert.deepEqual(
    log.lines.map((l) => `${l.level} ${l.m}`),
    [
      'error webhooks: outbox pass failed; repeats of this failure are counted, not logged',
      'warn webhooks: outbox pass works again',
    ],
  );
  assert.ok(((log.lines[1]?.o as { failedPasses: number }).failedPasses ?? 0) >= 10);
});
