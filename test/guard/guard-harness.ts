/**
 * The API with the sender guard on a real store (SQLite :memory: or a fresh PostgreSQL schema), and a
 * recording Notifier in place of the webhook outbox. Two accounts, as in test/api/harness.ts.
 */
import type { TestContext } from 'node:test';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApi } from '../../src/api/app.js';
import { createSenderGuard, type SenderGuard } from '../../src/guard/sender-guard.js';
import { StoreReboundService } from '../../src/service/rebound-service.js';
import type { Store } from '../../src/store/store.js';
import { onEachStoreWith } from '../api/harness.js';
import { RecordingNotifier } from '../support/recording-notifier.js';

export interface GuardApi {
  app: FastifyInstance;
  store: Store;
  guard: SenderGuard;
  notifier: RecordingNotifier;
  accountId: string;
  otherAccountId: string;
  keys: { admin: string; user: string; otherAdmin: string };
  clock: { now: Date };
  mail(raw: string): Promise<LightMyRequestResponse>;
  json(
    method: 'GET' | 'POST' | 'PUT',
    url: string,
    body?: unknown,
    key?: string,
  ): Promise<LightMyRequestResponse>;
  close(): Promise<void>;
}

export async function startGuardApi(store: Store, dnsServers: string[] = []): Promise<GuardApi> {
  const notifier = new RecordingNotifier();
  const clock = { now: new Date('2025-01-06T12:00:00Z') };
  const policy = { service: undefined as StoreReboundService | undefined };
  const guard = createSenderGuard({
    store,
    notifier,
    policySettings: (id) => (policy.service as StoreReboundService).getSettings(id),
    dnsServers,
    dnsTimeoutMs: 1000,
    now: () => clock.now,
  });
  const service = new StoreReboundService(store, [guard.observer]);
  policy.service = service;
  const a = await store.createAccount('a');
  const b = await store.createAccount('b');
  const keys = {
    admin: (await service.createApiKey(a.id, 'admin', 'admin')).secret,
    user: (await service.createApiKey(a.id, 'user', 'user')).secret,
    otherAdmin: (await service.createApiKey(b.id, 'admin', 'other')).secret,
  };
  const app = await buildApi({
    service,
    checkStore: async () => undefined,
    incidents: { store, tracker: guard.tracker, checker: guard.checker },
  });
  const json: GuardApi['json'] = (method, url, body, key = keys.admin) =>
    app.inject({
      method,
      url,
      headers: { authorization: `Bearer ${key}` },
      ...(body === undefined ? {} : { payload: body as object }),
    });
  return {
    app,
    store,
    guard,
    notifier,
    accountId: a.id,
    otherAccountId: b.id,
    keys,
    clock,
    json,
    close: () => app.close(),
    mail: (raw) =>
      app.inject({
        method: 'POST',
        url: '/v1/bounces',
        headers: { authorization: `Bearer ${keys.admin}`, 'content-type': 'message/rfc822' },
        payload: raw,
      }),
  };
}

export function onEachStore(name: string, body: (t: TestContext, api: GuardApi) => Promise<void>): void {
  onEachStoreWith(name, (store) => startGuardApi(store), body);
}
