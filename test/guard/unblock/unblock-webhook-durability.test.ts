/**
 * Unblock-request webhooks are written with the change they announce, on both stores: a process that
 * dies the instant a request is stored or decided loses no webhook (after a restart the receiver gets it,
 * once), and an outbox that cannot be written stores no request and decides none. An approval's unblock
 * commits with its decision: never an unblocked address beside a pending request.
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

/** A pending request for ADDRESS, blocked by a hard bounce. */
async function pendingRequest(store: Store): Promise<{ accountId: string; id: string }> {
  const accountId = await blockedAddress(store);
  const request = { address: ADDRESS, reason: 'customer' };
  const { id } = await requestsOn(store, new OutboxNotifier()).create(accountId, request, 'key:u');
  return { accountId, id };
}

/** The two decisions, and the address's state after each. */
const DECISIONS = [
  {
    state: 'denied',
    address: 'blocked',
    decide: (r: UnblockRequests, accountId: string, id: string) => r.deny(accountId, id, 'key:admin', 'no'),
  },
  {
    state: 'approved',
    address: 'active',
    decide: (r: UnblockRequests, accountId: string, id: string) =>
      r.approve(accountId, id, 'key:admin', { note: 'ok' }),
  },
] as const;

/** The store of a process killed right after its unblock store stores a request. */
function killedAfterInsert(store: Store, killed: Error): Store {
  return replacing(store, 'unblocks', killedAfter(store.unblocks, 'insertRequest', killed));
}

for (const backend of BACKENDS) {
  test(`a process killed right after a request is stored loses no webhook [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const hook = await receiver(t);
      const accountId = await blockedAddress(h.store);
      const sub = await createSubscription(h.store.guard, accountId, { url: hook.url });

      const killed = new Error('killed right after COMMIT');
      const requests = requestsOn(killedAfterInsert(h.store, killed), new OutboxNotifier());
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

  for (const decision of DECISIONS) {
    test(`a process killed right after a request is ${decision.state} loses no webhook [${backend.name}]`, async (t) => {
      await withStore(backend, t, async (h) => {
        const hook = await receiver(t);
        const { accountId, id } = await pendingRequest(h.store);
        const sub = await createSubscription(h.store.guard, accountId, { url: hook.url });

        const killed = new Error('killed right after COMMIT');
        const requests = requestsOn(killedAfter(h.store, 'transaction', killed), new OutboxNotifier());
        await assert.rejects(decision.decide(requests, accountId, id), killed);

        const store = await h.reopen();
        assert.equal((await store.unblocks.getRequest(accountId, id))?.state, decision.state);
        const detail = await new StoreReboundService(store).getAddress(accountId, ADDRESS);
        assert.equal(detail?.status, decision.address, 'an approval commits its unblock with it');
        await deliverAll(store.guard);
        const body = onlyEvent(hook.got, sub.secret);
        assert.deepEqual(
          [body.type, body.data.id, body.data.state],
          ['unblock_request.decided', id, decision.state],
        );
      });
    });
  }

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

  test(`an approval whose decision cannot be written unblocks nothing [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const { accountId, id } = await pendingRequest(h.store);
      const broken = requestsOn(h.store, brokenOutboxNotifier(new OutboxNotifier()));
      await assert.rejects(broken.approve(accountId, id, 'key:admin', { note: 'ok' }), /disk full/);

      const service = new StoreReboundService(h.store);
      const detail = await service.getAddress(accountId, ADDRESS);
      assert.equal(detail?.status, 'blocked', 'the unblock rolled back with the decision');
      assert.ok(!detail?.history.some((e) => e.type === 'admin-unblock'), 'no unblock in the history');
      assert.equal((await h.store.unblocks.getRequest(accountId, id))?.state, 'pending');

      const approved = await requestsOn(h.store, new OutboxNotifier()).approve(accountId, id, 'key:admin', {
        note: 'ok',
      });
      assert.equal(approved.state, 'approved', 'and it can be approved once the outbox works');
      assert.equal((await service.getAddress(accountId, ADDRESS))?.status, 'active');
    });
  });
}
