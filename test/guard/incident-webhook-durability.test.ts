/**
 * Incident webhooks are written with the opening or closing they announce, on both stores: a process
 * that dies the instant the change commits loses no webhook (after a restart the receiver gets it, once),
 * and an outbox that cannot be written leaves the incident as it was.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import { IncidentTracker } from '../../src/guard/incident-tracker.js';
import type { Notifier } from '../../src/guard/notifications.js';
import { OutboxNotifier } from '../../src/guard/webhooks-out/outbox-notifier.js';
import { createSubscription } from '../../src/guard/webhooks-out/subscriptions.js';
import type { EvidenceRow, IncidentRow } from '../../src/store/incidents.js';
import type { Store } from '../../src/store/store.js';
import { BACKENDS, withStore } from '../store/backends.js';
import { brokenOutboxNotifier, killedAfter, replacing } from '../support/crash.js';
import { deliverAll, onlyEvent, receiver } from '../support/webhook-receiver.js';

const SENDER = '192.0.2.7';

/** A DNS blocklist listing of the sender: one is enough to open its incident. */
const LISTED: EvidenceRow = {
  key: 'zen.spamhaus.org 192.0.2.7',
  recipient: null,
  reason: null,
  blocklist: 'zen.spamhaus.org',
  text: '127.0.0.2',
  at: new Date().toISOString(),
  bounceId: null,
  source: 'dnsbl',
};

async function listed(store: Store, notifier: Notifier, accountId: string): Promise<IncidentRow | undefined> {
  const tracker = new IncidentTracker({ store, notifier });
  return tracker.record(accountId, SENDER, 'ip', null, [LISTED], await tracker.settings(accountId));
}

/** The store of a process killed right after `method` of its incident store commits. */
function killedAfterIncident(store: Store, method: 'openIncident' | 'closeIncident', killed: Error): Store {
  return replacing(store, 'incidents', killedAfter(store.incidents, method, killed));
}

for (const backend of BACKENDS) {
  test(`a process killed right after an incident opens loses no incident webhook [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const hook = await receiver(t);
      const { id: accountId } = await h.store.createAccount('a');
      const sub = await createSubscription(h.store.guard, accountId, { url: hook.url });

      const killed = new Error('killed right after COMMIT');
      const notifier = new OutboxNotifier();
      await assert.rejects(
        listed(killedAfterIncident(h.store, 'openIncident', killed), notifier, accountId),
        killed,
      );

      const store = await h.reopen();
      const [incident, ...more] = await store.incidents.openIncidents(accountId);
      assert.equal(more.length, 0);
      assert.equal(incident?.sender, SENDER, 'the opening was kept');
      await deliverAll(store.guard);
      const body = onlyEvent(hook.got, sub.secret);
      assert.deepEqual([body.type, body.data.id], ['incident.opened', incident?.id]);
    });
  });

  test(`a process killed right after an admin closes an incident loses no webhook [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const hook = await receiver(t);
      const { id: accountId } = await h.store.createAccount('a');
      const opened = await listed(h.store, new OutboxNotifier(), accountId);
      const sub = await createSubscription(h.store.guard, accountId, { url: hook.url });

      const killed = new Error('killed right after COMMIT');
      const tracker = new IncidentTracker({
        store: killedAfterIncident(h.store, 'closeIncident', killed),
        notifier: new OutboxNotifier(),
      });
      await assert.rejects(tracker.resolve(accountId, opened?.id ?? '', 'key:admin', 'delisted'), killed);

      const store = await h.reopen();
      assert.equal((await store.incidents.getIncident(accountId, opened?.id ?? ''))?.state, 'closed');
      await deliverAll(store.guard);
      const body = onlyEvent(hook.got, sub.secret);
      assert.deepEqual([body.type, body.data.id, body.data.state], ['incident.closed', opened?.id, 'closed']);
    });
  });

  test(`an outbox that cannot be written leaves the incident unopened [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const { id: accountId } = await h.store.createAccount('a');
      const broken = brokenOutboxNotifier(new OutboxNotifier());
      await assert.rejects(listed(h.store, broken, accountId), /disk full/);
      assert.deepEqual(await h.store.incidents.openIncidents(accountId), [], 'not opened');
      const live = await h.store.incidents.findLive(accountId, SENDER, null);
      assert.equal(live?.state, 'pending', 'still pending: nothing announced, nothing changed');
    });
  });
}
