/**
 * Alert webhooks are written with the alert change they announce, on both stores: a process that dies
 * the instant the alert commits loses no webhook (after a restart the receiver gets it, once), and an
 * outbox that cannot be written leaves no alert unannounced (nothing is stored; the next pass retries).
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { AlertMonitor } from '../../src/guard/alerts/alert-monitor.js';
import { hourOf } from '../../src/guard/alerts/rate-tally.js';
import type { Notifier } from '../../src/guard/notifications.js';
import { OutboxNotifier } from '../../src/guard/webhooks-out/outbox-notifier.js';
import { createSubscription } from '../../src/guard/webhooks-out/subscriptions.js';
import type { GuardStore, ScopeRef } from '../../src/store/guard.js';
import type { Store } from '../../src/store/store.js';
import { BACKENDS, withStore } from '../store/backends.js';
import { brokenOutboxNotifier, killedAfter } from '../support/crash.js';
import { deliverAll, onlyEvent, receiver } from '../support/webhook-receiver.js';

const quiet = { warn: () => undefined, error: () => undefined };
const ACCOUNT: ScopeRef = { kind: 'account', key: '' };

/** An account judged from 20 sends, with 100 sends and 12 bounces (12%, critical) this hour. */
async function bouncingAccount(store: Store): Promise<string> {
  const { id } = await store.createAccount('a');
  await store.guard.putAlertSettings(id, { minSends: 20 });
  const hour = hourOf(new Date().toISOString());
  await store.guard.addRates(id, [{ scope: ACCOUNT, hour, sent: 100, bounced: 12, complained: 0 }]);
  return id;
}

async function evaluate(
  store: GuardStore,
  notifier: Pick<Notifier, 'notifyWithin' | 'committed'>,
  accountId: string,
): Promise<void> {
  const monitor = new AlertMonitor({
    store,
    notifier,
    pauses: { pauseForAlert: async () => undefined },
    log: quiet,
  });
  await monitor.evaluateScopes(accountId, [ACCOUNT], await monitor.settings(accountId));
}

for (const backend of BACKENDS) {
  test(`a process killed right after an alert opens loses no alert webhook [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const hook = await receiver(t);
      const accountId = await bouncingAccount(h.store);
      const sub = await createSubscription(h.store.guard, accountId, { url: hook.url });

      const killed = new Error('killed right after COMMIT');
      const notifier = new OutboxNotifier();
      await assert.rejects(
        evaluate(killedAfter(h.store.guard, 'openAlert', killed), notifier, accountId),
        killed,
      );

      const store = await h.reopen();
      const [alert, ...more] = await store.guard.openAlertsIn(accountId, [ACCOUNT]);
      assert.equal(more.length, 0);
      assert.equal(alert?.level, 'critical', 'the alert was kept');
      await deliverAll(store.guard);
      const body = onlyEvent(hook.got, sub.secret);
      assert.deepEqual([body.type, body.data.id, body.data.level], ['alert.opened', alert?.id, 'critical']);
    });
  });

  test(`a process killed right after an alert closes loses no alert webhook [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const hook = await receiver(t);
      const accountId = await bouncingAccount(h.store);
      await evaluate(h.store.guard, new OutboxNotifier(), accountId);
      const sub = await createSubscription(h.store.guard, accountId, { url: hook.url });
      // Sends enough to bring the rate under the warning threshold (12 of 400: 3%).
      const hour = hourOf(new Date().toISOString());
      await h.store.guard.addRates(accountId, [
        { scope: ACCOUNT, hour, sent: 300, bounced: 0, complained: 0 },
      ]);

      const killed = new Error('killed right after COMMIT');
      await assert.rejects(
        evaluate(killedAfter(h.store.guard, 'updateAlert', killed), new OutboxNotifier(), accountId),
        killed,
      );

      const store = await h.reopen();
      assert.deepEqual(await store.guard.openAlertsIn(accountId, [ACCOUNT]), [], 'the close was kept');
      await deliverAll(store.guard);
      const body = onlyEvent(hook.got, sub.secret);
      assert.deepEqual([body.type, body.data.state], ['alert.closed', 'closed']);
    });
  });

  test(`an outbox that cannot be written fails the alert: none goes unannounced [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const accountId = await bouncingAccount(h.store);
      const sub = await createSubscription(h.store.guard, accountId, { url: 'http://127.0.0.1:9/hook' });
      const real = new OutboxNotifier();
      const broken = brokenOutboxNotifier(real);
      await assert.rejects(evaluate(h.store.guard, broken, accountId), /disk full/);
      assert.deepEqual(await h.store.guard.openAlertsIn(accountId, [ACCOUNT]), [], 'nothing kept');

      await evaluate(h.store.guard, real, accountId);
      assert.equal(
        (await h.store.guard.openAlertsIn(accountId, [ACCOUNT])).length,
        1,
        'the next pass opens it',
      );
      const deliveries = await h.store.guard.listDeliveries(accountId, sub.id, { after: null, limit: 10 });
      assert.deepEqual(
        deliveries.map((d) => d.eventType),
        ['alert.opened'],
      );
    });
  });
}
