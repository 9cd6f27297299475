/**
 * Unblock-request webhooks are written with the change they announce, on both stores: a process that
 * dies the instant a request is stored or decided loses no webhook (after a restart the receiver gets it,
 * once), and an outbox that cannot be written stores no request.
 */
import assert from 'node:assert/strict';
import test from 'node:test';
import type { Notifier } from '../../../src/guard/notifications.js';
import type { MailDomainCheck } from '../../../src/guard/unblock/types.js';
import { UnblockRequests } from '../../../src/guard/unblock/unblock-requests.js';
import { OutboxNotifier } from '../../../src/guard/webhooks-out/outbox-notifier.js';
import { createSubscription } from '../../../src/guard/webhooks-out/subscriptions.js';
import { StoreReboundService } from '../../../src/service/rebound-service.js';
import type { Store } from '../../../src/store/store.js';
import { BACKENDS, withStore } from '../../store/backends.js';
import { brokenOutboxNotifier, killedAfter, replacing } from '../../support/crash.js';
import { deliverAll, onlyEvent, receiver } from '../../support/webhook-receiver.js';

const ADDRESS = 'bob@mail.test';

/** Unblock requests on `store`; the domain has mail hosts and the probe is off, so an admin decides. */
function requestsOn(store: Store, notifier: Notifier): UnblockRequests {
  return new UnblockRequests({
    store,
    service: new StoreReboundService(store),
    notifier,
    checkDomain: async (domain): Promise<MailDomainCheck> => ({
      domain,
      status: 'mail',
      source: 'mx',
      hosts: [`mx.${domain}`],
      detail: 'test',
    }),
    probe: async () => ({ ran: false, why: 'test' }),
    now: () => new Date(),
  });
}

/** An account with ADDRESS blocked by a hard bounce. */
async function blockedAddress(store: Store): Promise<string> {
  const svc = new StoreReboundService(store);
  const { id } = await svc.createAccount('a');
  await svc.ingestEvents(id, [
    { type: 'bounced', recipient: ADDRESS, reason: 'userunknown', status: '5.1.1' },
  ]);
  return id;
}

/** The store of a process killed right after `method` of its unblock store commits. */
function killedAfterUnblocks(store: Store, method: 'insertRequest' | 'decideRequest', killed: Error): Store {
  return replacing(store, 'unblocks', killedAfter(store.unblocks, method, killed));
}

for (const backend of BACKENDS) {
  test(`a process killed right after a request is stored loses no webhook [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const hook = await receiver(t);
      const accountId = await blockedAddress(h.store);
      const sub = await createSubscription(h.store.guard, accountId, { url: hook.url });

      const killed = new Error('killed right after COMMIT');
      const requests = requestsOn(
        killedAfterUnblocks(h.store, 'insertRequest', killed),
        new OutboxNotifier(),
      );
      await assert.rejects(
        requests.create(accountId, { address: ADDRESS, reason: 'customer' }, 'key:u'),
        killed,
      );

      const store = await h.reopen();
      const pending = await store.unblocks.pendingRequest(accountId, ADDRESS);
      assert.ok(pending, 'the request was kept');
      await deliverAll(store.guard);
      const body = onlyEvent(hook.got, sub.secret);
      assert.deepEqual(
        [body.type, body.data.id, body.data.state],
        ['unblock_request.created', pending.id, 'pending'],
      );
    });
  });

  test(`a process killed right after a request is decided loses no webhook [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const hook = await receiver(t);
      const accountId = await blockedAddress(h.store);
      const created = await requestsOn(h.store, new OutboxNotifier()).create(
        accountId,
        { address: ADDRESS, reason: 'customer' },
        'key:u',
      );
      const sub = await createSubscription(h.store.guard, accountId, { url: hook.url });

      const killed = new Error('killed right after COMMIT');
      const requests = requestsOn(
        killedAfterUnblocks(h.store, 'decideRequest', killed),
        new OutboxNotifier(),
      );
      await assert.rejects(requests.deny(accountId, created.id, 'key:admin', 'no'), killed);

      const store = await h.reopen();
      assert.equal((await store.unblocks.getRequest(accountId, created.id))?.state, 'denied');
      await deliverAll(store.guard);
      const body = onlyEvent(hook.got, sub.secret);
      assert.deepEqual(
        [body.type, body.data.id, body.data.state],
        ['unblock_request.decided', created.id, 'denied'],
      );
    });
  });

  test(`an outbox that cannot be written stores no request [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const accountId = await blockedAddress(h.store);
      const broken = brokenOutboxNotifier(new OutboxNotifier());
      const requests = requestsOn(h.store, broken);
      await assert.rejects(
        requests.create(accountId, { address: ADDRESS, reason: 'customer' }, 'key:u'),
        /disk full/,
      );
      assert.equal(await h.store.unblocks.pendingRequest(accountId, ADDRESS), undefined, 'nothing kept');
    });
  });
}
