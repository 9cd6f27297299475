/** Unblock requests and policy settings over HTTP: who may ask, who may decide, what the answers say. */
import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { checkMailDomain, dnsResolver } from '../../src/guard/unblock/mail-domain.js';
import { UnblockRequests } from '../../src/guard/unblock/unblock-requests.js';
import { DEFAULT_SETTINGS } from '../../src/policy/types.js';
import { RecordingNotifier } from '../support/recording-notifier.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';
import { onEachStore, type Api, type ExtraDeps } from './harness.js';

let dns: DnsServer;
before(async () => {
  dns = await startDnsServer({ 'mail.test': { MX: [{ exchange: 'mx.mail.test', priority: 5 }] } });
});
after(() => dns.close());

const withRequests: ExtraDeps = (service, store) => {
  const resolver = dnsResolver([dns.address], 1000);
  return {
    unblockRequests: new UnblockRequests({
      store,
      service,
      notifier: new RecordingNotifier(),
      checkDomain: (domain) => checkMailDomain(resolver, domain),
      probe: async () => ({ ran: false, why: 'off' }),
      now: () => new Date(),
    }),
  };
};

async function blockHard(api: Api, recipient: string, key = api.keys.admin): Promise<void> {
  const events = [{ type: 'bounced', recipient, reason: 'userunknown', status: '5.1.1' }];
  const response = await api.json('POST', '/v1/events', { events }, key);
  assert.equal(response.statusCode, 202, response.body);
}

const ask = (api: Api, address: string, key = api.keys.user) =>
  api.json('POST', '/v1/unblock-requests', { address, reason: 'the customer called' }, key);

onEachStore(
  'a user asks; a user cannot approve or deny (403); an admin approves and the address is active',
  async (_t, api) => {
    await blockHard(api, 'ann@mail.test');
    const created = await ask(api, 'ann@mail.test');
    assert.equal(created.statusCode, 201, created.body);
    const request = created.json();
    assert.equal(request.state, 'pending');
    assert.equal(request.checks.domain.status, 'mail');
    assert.equal(request.checks.block.reason, 'userunknown');
    assert.match(request.explanation, /^Waiting for an administrator/);
    assert.match(request.requestedBy, /^key:/);

    for (const action of ['approve', 'deny']) {
      const refused = await api.json(
        'POST',
        `/v1/unblock-requests/${request.id}/${action}`,
        { note: 'x' },
        api.keys.user,
      );
      assert.equal(refused.statusCode, 403, action);
      assert.equal(refused.json().type, 'urn:rebound:problem:forbidden');
    }
    const seen = await api.json('GET', `/v1/unblock-requests/${request.id}`, undefined, api.keys.user);
    assert.equal(seen.json().state, 'pending', 'the requester sees the state');

    const approved = await api.json('POST', `/v1/unblock-requests/${request.id}/approve`, {
      note: 'confirmed',
    });
    assert.equal(approved.statusCode, 200, approved.body);
    assert.equal(approved.json().state, 'approved');
    assert.equal(approved.json().decision.note, 'confirmed');
    const address = await api.json('GET', '/v1/addresses/ann@mail.test', undefined, api.keys.user);
    assert.equal(address.json().status, 'active');
    const again = await api.json('POST', `/v1/unblock-requests/${request.id}/deny`, { note: 'no' });
    assert.equal(again.statusCode, 409);
    assert.equal(again.json().type, 'urn:rebound:problem:request_decided');
  },
  withRequests,
);

onEachStore(
  'a domain without MX is denied at once; bad requests get problem details; tenants are isolated',
  async (_t, api) => {
    await blockHard(api, 'bob@nomx.test');
    const denied = await ask(api, 'bob@nomx.test');
    assert.equal(denied.statusCode, 201);
    assert.equal(denied.json().state, 'denied');
    assert.match(denied.json().decision.note, /The domain nomx.test does not exist \(NXDOMAIN\)/);

    const cases: [unknown, number, string][] = [
      [{ address: 'bob@nomx.test' }, 400, 'invalid_request'],
      [{ address: 'not-an-address', reason: 'r' }, 400, 'invalid_address'],
      [{ address: 'nobody@mail.test', reason: 'r' }, 404, 'not_found'],
    ];
    for (const [body, status, code] of cases) {
      const response = await api.json('POST', '/v1/unblock-requests', body, api.keys.user);
      assert.equal(response.statusCode, status, response.body);
      assert.equal(response.json().type, `urn:rebound:problem:${code}`);
    }
    await blockHard(api, 'cy@mail.test');
    const pending = await ask(api, 'cy@mail.test');
    assert.equal((await ask(api, 'cy@mail.test')).json().type, 'urn:rebound:problem:request_pending');

    const id = pending.json().id;
    const foreign = await api.json('GET', `/v1/unblock-requests/${id}`, undefined, api.keys.otherAdmin);
    assert.equal(foreign.statusCode, 404);
    const foreignApprove = await api.json(
      'POST',
      `/v1/unblock-requests/${id}/approve`,
      { note: 'n' },
      api.keys.otherAdmin,
    );
    assert.equal(foreignApprove.statusCode, 404);
    const foreignList = await api.json('GET', '/v1/unblock-requests', undefined, api.keys.otherAdmin);
    assert.deepEqual(foreignList.json(), { items: [], next: null });

    const list = await api.json('GET', '/v1/unblock-requests?state=pending', undefined, api.keys.user);
    assert.deepEqual(
      list.json().items.map((r: { address: string }) => r.address),
      ['cy@mail.test'],
    );
    const bad = await api.json('GET', '/v1/unblock-requests?state=maybe', undefined, api.keys.user);
    assert.equal(bad.statusCode, 400);
  },
  withRequests,
);

onEachStore('policy settings: anyone reads, only an admin changes, mistakes are named', async (_t, api) => {
  const read = await api.json('GET', '/v1/settings/policy', undefined, api.keys.user);
  assert.deepEqual(read.json(), DEFAULT_SETTINGS);
  const put = (body: unknown, key = api.keys.admin) =>
    api.request({ method: 'PUT', url: '/v1/settings/policy', payload: body as object, key });

  assert.equal((await put({ softStreakExpiryDays: 30 }, api.keys.user)).statusCode, 403);
  const changed = await put({ softStreakExpiryDays: 30, maxUnblocks: 3 });
  assert.equal(changed.statusCode, 200, changed.body);
  assert.deepEqual(changed.json(), { ...DEFAULT_SETTINGS, softStreakExpiryDays: 30, maxUnblocks: 3 });
  const off = await put({ softStreakExpiryDays: null });
  assert.equal(off.json().softStreakExpiryDays, null);
  assert.equal(off.json().maxUnblocks, 3, 'fields left out keep their values');

  const refused = await put({ hardBlockExpiryDays: '30', bogus: true });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json().detail, /unknown setting "bogus"/);
  assert.match(refused.json().detail, /hardBlockExpiryDays must be null \(never\) or an integer/);
  const other = await api.json('GET', '/v1/settings/policy', undefined, api.keys.otherAdmin);
  assert.equal(other.json().maxUnblocks, 5, 'another account keeps its own settings');
});

onEachStore(
  'the OpenAPI document describes the new routes and schemas',
  async (_t, api) => {
    const docs = (await api.request({ method: 'GET', url: '/docs/json', key: null })).json();
    for (const path of [
      '/v1/unblock-requests',
      '/v1/unblock-requests/{id}',
      '/v1/unblock-requests/{id}/approve',
      '/v1/unblock-requests/{id}/deny',
      '/v1/settings/policy',
    ]) {
      assert.ok(docs.paths[path], path);
    }
    assert.ok(docs.components.schemas.UnblockRequest);
    assert.ok(docs.components.schemas.PolicySettings);
  },
  withRequests,
);
