/**
 * The guard's core through the HTTP API on a real store (SQLite and PostgreSQL): rates from POST /v1/events,
 * alerts opening once and closing, auto-pause holding the send gate until an admin resumes, tenants apart,
 * and the webhook outbox filled with each event.
 */
import assert from 'node:assert/strict';
import test, { type TestContext } from 'node:test';
import type { FastifyInstance, InjectOptions } from 'fastify';
import { buildApi } from '../../src/api/app.js';
import { buildGuardCore, type GuardCore } from '../../src/guard/guard-core.js';
import { StoreReboundService } from '../../src/service/rebound-service.js';
import { openTestStore, postgresReachable, PG_URL } from '../api/harness.js';

/** A parsed JSON body: the tests check its shape with assertions. */
type Json = ReturnType<typeof JSON.parse>;

/** The fields the tests read from alerts, pauses and deliveries. */
interface View {
  id: string;
  state: string;
  eventType: string;
  attempts: number;
  scope: { kind: string };
}

const quiet = { warn: () => undefined, error: () => undefined };

interface Rig {
  app: FastifyInstance;
  core: GuardCore;
  keys: { admin: string; user: string; otherAdmin: string };
  call(
    method: InjectOptions['method'],
    url: string,
    body?: object,
    key?: string,
  ): Promise<{ status: number; body: Json }>;
}

function onEachStore(name: string, body: (t: TestContext, rig: Rig) => Promise<void>): void {
  for (const kind of ['sqlite', 'postgres'] as const) {
    test(`${name} [${kind}]`, async (t) => {
      if (kind === 'postgres' && !(await postgresReachable()))
        return t.skip(`PostgreSQL not reachable at ${PG_URL}`);
      const { store, drop } = await openTestStore(kind);
      const core = buildGuardCore(store, quiet);
      const service = new StoreReboundService(core.store, [], [core.pauses]);
      const a = await store.createAccount('a');
      const b = await store.createAccount('b');
      const keys = {
        admin: (await service.createApiKey(a.id, 'admin', 'admin')).secret,
        user: (await service.createApiKey(a.id, 'user', 'user')).secret,
        otherAdmin: (await service.createApiKey(b.id, 'admin', 'other')).secret,
      };
      const app = await buildApi({ service, checkStore: async () => undefined, guard: core.guard });
      const call: Rig['call'] = async (method, url, payload, key = keys.admin) => {
        const res = await app.inject({
          method,
          url,
          headers: { authorization: `Bearer ${key}` },
          ...(payload === undefined ? {} : { payload }),
        });
        return { status: res.statusCode, body: res.body === '' ? undefined : res.json() };
      };
      try {
        await body(t, { app, core, keys, call });
      } finally {
        await app.close();
        await core.stop();
        await drop();
      }
    });
  }
}

const sends = (from: number, n: number, campaign?: string) =>
  Array.from({ length: n }, (_, i) => ({
    type: 'sent',
    recipient: `r${from + i}@example.com`,
    messageId: `<m${from + i}@crm.test>`,
    ...(campaign === undefined ? {} : { campaign }),
  }));
/** Hard bounces tied to their sends by Message-ID only: the campaign comes from the send. */
const bounces = (from: number, n: number) =>
  Array.from({ length: n }, (_, i) => ({
    type: 'bounced',
    recipient: `r${from + i}@example.com`,
    messageId: `m${from + i}@crm.test`,
    reason: 'userunknown',
  }));

async function openAlerts(rig: Rig, scope: string) {
  return (await rig.call('GET', `/v1/alerts?state=open&scope=${scope}`)).body.items as Json[];
}

onEachStore('crossing 5% raises exactly one warning and crossing back closes it', async (_t, rig) => {
  const sub = await rig.call('POST', '/v1/webhook-subscriptions', {
    url: 'http://127.0.0.1:9/hook',
    eventTypes: ['alert.opened', 'alert.closed'],
  });
  assert.equal(sub.status, 201);
  assert.match(sub.body.secret, /^whsec_/);
  assert.equal((await rig.call('PUT', '/v1/settings/alerts', { minSends: 100 })).status, 200);
  assert.equal((await rig.call('POST', '/v1/events', { events: sends(0, 100, 'spring') })).status, 202);
  await rig.call('POST', '/v1/events', { events: bounces(0, 4) });
  assert.deepEqual(await openAlerts(rig, 'campaign'), [], '4% opens nothing');
  await rig.call('POST', '/v1/events', { events: bounces(4, 1) });
  const [warning, ...more] = await openAlerts(rig, 'campaign');
  assert.equal(more.length, 0);
  assert.equal(warning.level, 'warn');
  assert.deepEqual(warning.scope, { kind: 'campaign', campaign: 'spring' });
  assert.equal(warning.rate, 0.05);
  assert.match(warning.explanation, /campaign 'spring' is 5% \(5 of 100 sends in the last 24 h\)/);
  await rig.call('POST', '/v1/events', { events: bounces(5, 1) });
  assert.equal((await openAlerts(rig, 'campaign')).length, 1, 'still one alert at 6%');
  assert.equal((await openAlerts(rig, 'domain')).length, 1);
  assert.equal((await openAlerts(rig, 'account')).length, 1);
  await rig.call('POST', '/v1/events', { events: sends(100, 100, 'spring') });
  assert.deepEqual(await openAlerts(rig, 'campaign'), [], '3% closes it');
  const closed = (await rig.call('GET', '/v1/alerts?state=closed&scope=campaign')).body.items;
  assert.equal(closed.length, 1);
  assert.equal(closed[0].id, warning.id);
  assert.match(closed[0].explanation, /under 4.5%: the alert is closed/);
  const log = (await rig.call('GET', `/v1/webhook-subscriptions/${sub.body.id}/deliveries`)).body.items;
  assert.deepEqual(log.map((d: View) => d.eventType).sort(), [
    'alert.closed',
    'alert.closed',
    'alert.closed',
    'alert.opened',
    'alert.opened',
    'alert.opened',
  ]);
  // The receiver is down: the oldest was tried at once and waits for its retry, the others wait behind it.
  assert.ok(log.every((d: View) => d.state === 'pending'));
  assert.ok(log.filter((d: View) => d.attempts > 0).length <= 1);
});

onEachStore('auto-pause holds sends until an admin resumes; tenants stay apart', async (_t, rig) => {
  await rig.call('PUT', '/v1/settings/alerts', { minSends: 50, autoPause: true });
  await rig.call('POST', '/v1/events', { events: sends(0, 50, 'promo') });
  await rig.call('POST', '/v1/events', { events: bounces(0, 5) });
  const pauses = (await rig.call('GET', '/v1/pauses?state=active')).body.items as Json[];
  assert.deepEqual(pauses.map((p) => p.scope.kind).sort(), ['account', 'campaign', 'domain']);
  const critical = (await rig.call('GET', '/v1/alerts?state=open&scope=account')).body.items[0];
  assert.equal(critical.level, 'critical');
  const check = await rig.call('POST', '/v1/check', { recipients: ['fresh@elsewhere.test'] });
  const [held] = check.body.results;
  assert.equal(held.allowed, false);
  assert.equal(held.state, 'active', 'a hold leaves the address state alone');
  assert.equal(held.held.source, 'pause');
  assert.match(held.explanation, /paused automatically after a critical alert/);
  const other = await rig.call(
    'POST',
    '/v1/check',
    { recipients: ['fresh@elsewhere.test'] },
    rig.keys.otherAdmin,
  );
  assert.equal(other.body.results[0].allowed, true, 'account B is not paused');
  assert.equal((await rig.call('GET', '/v1/pauses', undefined, rig.keys.otherAdmin)).body.items.length, 0);
  const account = pauses.find((p) => p.scope.kind === 'account');
  assert.equal(
    (await rig.call('POST', `/v1/pauses/${account.id}/resume`, { note: 'x' }, rig.keys.user)).status,
    403,
  );
  assert.equal(
    (await rig.call('POST', `/v1/pauses/${account.id}/resume`, { note: 'x' }, rig.keys.otherAdmin)).status,
    404,
  );
  const resumed = await rig.call('POST', `/v1/pauses/${account.id}/resume`, { note: 'list cleaned' });
  assert.equal(resumed.body.state, 'resumed');
  assert.equal((await rig.call('POST', `/v1/pauses/${account.id}/resume`, { note: 'again' })).status, 409);
  const after = await rig.call('POST', '/v1/check', {
    recipients: ['fresh@elsewhere.test', 'x@example.com'],
  });
  assert.equal(after.body.results[0].allowed, true, 'resumed: sends go again');
  assert.equal(after.body.results[1].held.scope.domain, 'example.com', 'the domain pause still holds');
  const campaign = await rig.call('POST', '/v1/check', { recipients: ['y@other.test'], campaign: 'promo' });
  assert.equal(campaign.body.results[0].held.scope.campaign, 'promo');
});

onEachStore('admins pause and resume by API; a user key cannot', async (_t, rig) => {
  const body = { scope: { kind: 'domain', domain: 'Gmail.com' }, note: 'warming up a new IP' };
  assert.equal((await rig.call('POST', '/v1/pauses', body, rig.keys.user)).status, 403);
  const pause = await rig.call('POST', '/v1/pauses', body);
  assert.equal(pause.status, 201);
  assert.deepEqual(pause.body.scope, { kind: 'domain', domain: 'gmail.com' });
  assert.equal((await rig.call('POST', '/v1/pauses', body)).status, 409);
  const [r] = (await rig.call('POST', '/v1/check', { recipients: ['a@gmail.com'] })).body.results;
  assert.match(r.explanation, /mail to gmail.com is paused by key:.*warming up a new IP/);
  const bad = await rig.call('POST', '/v1/pauses', { scope: { kind: 'campaign' }, note: 'x' });
  assert.equal(bad.status, 400);
  assert.match(bad.body.detail, /scope.campaign/);
  await rig.call('POST', `/v1/pauses/${pause.body.id}/resume`, { note: 'done' });
  assert.equal(
    (await rig.call('POST', '/v1/check', { recipients: ['a@gmail.com'] })).body.results[0].allowed,
    true,
  );
});

onEachStore('every address state change goes to the outbox with its sentence', async (_t, rig) => {
  const sub = await rig.call('POST', '/v1/webhook-subscriptions', { url: 'https://crm.example/hooks' });
  await rig.call('POST', '/v1/events', {
    events: [{ type: 'bounced', recipient: 'gone@example.com', reason: 'userunknown' }],
  });
  await rig.call('POST', '/v1/addresses/gone@example.com/unblock', { note: 'user says it works' });
  const log = (await rig.call('GET', `/v1/webhook-subscriptions/${sub.body.id}/deliveries`)).body.items;
  assert.deepEqual(
    log.map((d: View) => d.eventType),
    ['address.unblocked', 'address.blocked'],
  );
  const other = await rig.call(
    'GET',
    `/v1/webhook-subscriptions/${sub.body.id}/deliveries`,
    undefined,
    rig.keys.otherAdmin,
  );
  assert.equal(other.status, 404);
  assert.equal((await rig.call('GET', '/v1/webhook-subscriptions', undefined, rig.keys.user)).status, 403);
  const listed = (await rig.call('GET', '/v1/webhook-subscriptions')).body.items;
  assert.equal(listed[0].secret, undefined, 'the secret is shown once');
  const unknown = await rig.call('POST', '/v1/webhook-subscriptions', {
    url: 'https://x.test',
    eventTypes: ['nope'],
  });
  assert.equal(unknown.status, 400);
  assert.equal((await rig.call('PUT', '/v1/settings/alerts', { bounceWarn: 2 })).status, 400);
  assert.equal((await rig.call('PUT', '/v1/settings/alerts', { minSend: 2 })).status, 400);
  assert.equal((await rig.call('DELETE', `/v1/webhook-subscriptions/${sub.body.id}`)).status, 204);
  assert.equal((await rig.call('GET', `/v1/webhook-subscriptions/${sub.body.id}/deliveries`)).status, 404);
});
