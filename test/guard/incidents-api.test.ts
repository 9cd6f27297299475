/** Sender incidents end to end over HTTP, on both stores: DSN mails in, incidents, holds and repairs out. */
import assert from 'node:assert/strict';
import { dsn, HARD, SPAMHAUS } from '../support/http-mails.js';
import { sayRepair } from '../../src/guard/repair-view.js';
import { onEachStore, type GuardApi } from './guard-harness.js';

const DOMAIN = 'bigmail.example';

async function bounce(api: GuardApi, raw: string): Promise<void> {
  const response = await api.mail(raw);
  assert.equal(response.statusCode, 202, response.body);
}

async function spamhausBurst(api: GuardApi, count: number, prefix = 'r'): Promise<void> {
  for (let i = 1; i <= count; i++) {
    await bounce(
      api,
      dsn({
        recipient: `${prefix}${i}@${DOMAIN}`,
        ...SPAMHAUS,
        id: `${prefix}-${i}`,
        at: `2025-01-06T10:0${i % 10}:00Z`,
      }),
    );
  }
}

onEachStore(
  'a burst of Spamhaus rejections from one domain opens one incident and blocks nobody',
  async (_t, api) => {
    await spamhausBurst(api, 5);
    const list = (await api.json('GET', '/v1/incidents?state=open')).json();
    assert.equal(list.items.length, 1);
    const incident = list.items[0];
    assert.equal(incident.sender, '192.0.2.9');
    assert.equal(incident.senderKind, 'ip');
    assert.equal(incident.receivingDomain, DOMAIN);
    assert.deepEqual(incident.blocklists, ['Spamhaus']);
    assert.equal(incident.rejections, 5);
    assert.equal(incident.recipientCount, 5);
    assert.deepEqual(incident.hold, { mode: 'hold', domain: DOMAIN });
    assert.match(incident.explanation, /no recipient is blocked/);
    assert.ok(incident.actions.some((a: { url: string | null }) => a.url === 'https://check.spamhaus.org/'));
    assert.ok(incident.actions.some((a: { url: string | null }) => a.url === `mailto:postmaster@${DOMAIN}`));
    // Each step's parts reach the client through the response schema.
    assert.deepEqual(
      incident.actions.map((a: { code: string; params: object }) => [a.code, a.params]),
      [
        ['stop-cause', {}],
        ['lookup', { list: 'Spamhaus', sender: '192.0.2.9' }],
        ['postmaster', { domain: DOMAIN }],
      ],
    );

    const check = (
      await api.json('POST', '/v1/check', { recipients: ['r1@bigmail.example', 'r5@bigmail.example'] })
    ).json();
    assert.deepEqual(
      check.results.map((r: { allowed: boolean }) => r.allowed),
      [true, true],
    );
    const blocked = (await api.json('GET', '/v1/addresses?state=blocked')).json();
    assert.equal(blocked.items.length, 0);

    const opened = api.notifier.of('incident.opened');
    assert.equal(opened.length, 1);
    assert.equal(opened[0]?.data.id, incident.id);

    const detail = (await api.json('GET', `/v1/incidents/${incident.id}`)).json();
    assert.equal(detail.recipients.length, 5);
    assert.equal(detail.evidence.length, 5);
    assert.match(detail.evidence[0].text, /blocked using zen\.spamhaus\.org/);

    const holds = await api.guard.holds.activeHolds(api.accountId);
    assert.deepEqual(
      holds.map((h) => [h.scope, h.source, h.sourceId]),
      [[{ kind: 'domain', domain: DOMAIN }, 'incident', incident.id]],
    );
    assert.match(holds[0]?.explanation ?? '', /held/);
    assert.deepEqual(await api.guard.holds.activeHolds(api.otherAccountId), []);
  },
);

onEachStore('the same mail twice is one piece of evidence', async (_t, api) => {
  const raw = dsn({ recipient: `x@${DOMAIN}`, ...SPAMHAUS, id: 'dup' });
  await bounce(api, raw);
  await bounce(api, raw);
  const list = (await api.json('GET', '/v1/incidents')).json();
  assert.equal(list.items[0].rejections, 1);
});

onEachStore(
  'an admin resolves an incident: the hold lifts and incident.closed is sent; a user may not',
  async (_t, api) => {
    await spamhausBurst(api, 2);
    const [incident] = (await api.json('GET', '/v1/incidents')).json().items;
    const byUser = await api.json(
      'POST',
      `/v1/incidents/${incident.id}/resolve`,
      { note: 'delisted' },
      api.keys.user,
    );
    assert.equal(byUser.statusCode, 403);
    const other = await api.json(
      'POST',
      `/v1/incidents/${incident.id}/resolve`,
      { note: 'x' },
      api.keys.otherAdmin,
    );
    assert.equal(other.statusCode, 404);
    const resolved = await api.json('POST', `/v1/incidents/${incident.id}/resolve`, {
      note: 'Spamhaus delisted us',
    });
    assert.equal(resolved.statusCode, 200, resolved.body);
    assert.equal(resolved.json().state, 'closed');
    assert.match(resolved.json().explanation, /Spamhaus delisted us/);
    assert.deepEqual(await api.guard.holds.activeHolds(api.accountId), []);
    assert.equal(api.notifier.of('incident.closed').length, 1);
    const again = await api.json('POST', `/v1/incidents/${incident.id}/resolve`, { note: 'again' });
    assert.equal(again.statusCode, 409);
  },
);

onEachStore('an incident closes after the quiet period', async (_t, api) => {
  await spamhausBurst(api, 1);
  api.clock.now = new Date(api.clock.now.getTime() + 23 * 3_600_000);
  assert.equal(await api.guard.tracker.closeQuiet(), 0);
  api.clock.now = new Date(api.clock.now.getTime() + 2 * 3_600_000);
  assert.equal(await api.guard.tracker.closeQuiet(), 1);
  const [incident] = (await api.json('GET', '/v1/incidents?state=closed')).json().items;
  assert.equal(incident.closedBy, 'quiet');
  assert.equal(api.notifier.of('incident.closed').length, 1);
});

onEachStore('a threshold keeps an incident pending, holding nothing, until reached', async (_t, api) => {
  const put = await api.json('PUT', '/v1/settings/guard', { openThreshold: 3, holdMode: 'slow' });
  assert.equal(put.statusCode, 200, put.body);
  await spamhausBurst(api, 2);
  assert.equal((await api.json('GET', '/v1/incidents?state=pending')).json().items.length, 1);
  assert.deepEqual(await api.guard.holds.activeHolds(api.accountId), []);
  await spamhausBurst(api, 3, 's');
  const [open] = (await api.json('GET', '/v1/incidents?state=open')).json().items;
  assert.deepEqual(open.hold, { mode: 'slow', domain: DOMAIN });
  assert.equal(api.notifier.of('incident.opened').length, 1);
});

onEachStore('bad guard settings are refused with every problem named', async (_t, api) => {
  const response = await api.json('PUT', '/v1/settings/guard', {
    holdMode: 'stop',
    sendingIps: ['300.1.1.1'],
    colour: 1,
  });
  assert.equal(response.statusCode, 400);
  const detail = response.json().detail as string;
  for (const field of ['holdMode', 'sendingIps', 'colour']) assert.match(detail, new RegExp(field));
  const byUser = await api.json('PUT', '/v1/settings/guard', { quietHours: 2 }, api.keys.user);
  assert.equal(byUser.statusCode, 403);
});

/** Hard-classified: the reply carries 5.1.1 and "Recipient address rejected", yet it names Spamhaus and our IP. */
const MISFILED = {
  status: '5.1.1',
  reply: '550 5.1.1 <%s>: Recipient address rejected: Access denied. 192.0.2.9 is listed by Spamhaus',
};

onEachStore(
  'addresses blocked by rejections the incident shows to be sender-side are restored',
  async (_t, api) => {
    await bounce(api, dsn({ recipient: `m1@${DOMAIN}`, ...MISFILED, id: 'm1', at: '2025-01-06T09:00:00Z' }));
    await bounce(api, dsn({ recipient: `m2@${DOMAIN}`, ...MISFILED, id: 'm2', at: '2025-01-06T09:05:00Z' }));
    // A real hard bounce at the same domain stays blocked.
    await bounce(api, dsn({ recipient: `gone@${DOMAIN}`, ...HARD, id: 'gone', at: '2025-01-06T09:06:00Z' }));
    const after = (await api.json('GET', '/v1/addresses?state=blocked')).json();
    assert.deepEqual(
      after.items.map((a: { address: string }) => a.address),
      [`gone@${DOMAIN}`],
    );

    const [incident] = (await api.json('GET', '/v1/incidents')).json().items;
    const detail = (await api.json('GET', `/v1/incidents/${incident.id}`)).json();
    assert.deepEqual(detail.repairs.map((r: { address: string }) => r.address).sort(), [
      `m1@${DOMAIN}`,
      `m2@${DOMAIN}`,
    ]);
    assert.match(detail.repairs[0].explanation, /names Spamhaus.*refused the sender, not this address/);
    // The parts of each repair, read back from the rejection that had blocked the address.
    const repair = detail.repairs.find((r: { address: string }) => r.address === `m1@${DOMAIN}`);
    assert.equal(repair.explanationCode, 'repair.sender-refused');
    assert.deepEqual(repair.explanationParams, {
      blockedAt: '2025-01-06T09:00:00.000Z',
      reason: 'userunknown',
      receivingDomain: DOMAIN,
      tie: { kind: 'list', list: 'Spamhaus' },
      incidentId: incident.id,
    });
    assert.equal(
      sayRepair(repair.address, repair.explanationParams, 2),
      repair.explanation,
      'the parts say it',
    );
    const unblocked = api.notifier.of('address.unblocked');
    assert.equal(unblocked.length, 2);
    const history = (await api.json('GET', `/v1/addresses/m1@${DOMAIN}`)).json();
    assert.equal(history.status, 'active');
    const audit = history.history.find((h: { type: string }) => h.type === 'sender-repair');
    assert.equal(audit.actor, `incident:${incident.id}`);
    const stored = (await api.store.getAddresses(api.accountId, [`m1@${DOMAIN}`])).get(`m1@${DOMAIN}`);
    assert.equal(stored?.unblocks, 0, 'a repair is not one of the 5 unblocks an address may have');
  },
);

onEachStore(
  'a repair does not use up the unblock limit: the admin still has every real unblock',
  async (_t, api) => {
    const settings = await api.json('PUT', '/v1/settings/policy', { maxUnblocks: 1 });
    assert.equal(settings.statusCode, 200, settings.body);
    await bounce(api, dsn({ recipient: `m1@${DOMAIN}`, ...MISFILED, id: 'm1', at: '2025-01-06T09:00:00Z' }));
    await bounce(api, dsn({ recipient: `m2@${DOMAIN}`, ...MISFILED, id: 'm2', at: '2025-01-06T09:05:00Z' }));
    assert.equal(api.notifier.of('address.unblocked').length, 2, 'both repaired');
    const block = await api.json('POST', `/v1/addresses/m1@${DOMAIN}/block`, { note: 'test' });
    assert.equal(block.statusCode, 200, block.body);
    const unblock = await api.json('POST', `/v1/addresses/m1@${DOMAIN}/unblock`, { note: 'checked' });
    assert.equal(unblock.statusCode, 200, unblock.body);
    assert.equal(unblock.json().status, 'active');
    await api.json('POST', `/v1/addresses/m1@${DOMAIN}/block`, { note: 'again' });
    const over = await api.json('POST', `/v1/addresses/m1@${DOMAIN}/unblock`, { note: 'twice' });
    assert.equal(over.statusCode, 409, 'the one real unblock is used: the cap still holds');
  },
);

onEachStore('one misfiled rejection alone is not enough to repair', async (_t, api) => {
  await bounce(api, dsn({ recipient: `only@${DOMAIN}`, ...MISFILED, id: 'only' }));
  const blocked = (await api.json('GET', '/v1/addresses?state=blocked')).json();
  assert.equal(blocked.items.length, 1);
  assert.equal(api.notifier.of('address.unblocked').length, 0);
});

onEachStore('bounce events (CRM, provider webhooks, relay replies) feed incidents too', async (_t, api) => {
  const reply = '550 5.7.1 Client host [192.0.2.9] blocked using b.barracudacentral.org';
  const events = [1, 2].map((n) => ({
    type: 'bounced',
    recipient: `e${n}@${DOMAIN}`,
    messageId: `<ev${n}@crm>`,
    status: '5.7.1',
    replyCode: 550,
    diagnosticCode: reply,
    at: '2025-01-06T10:00:00Z',
  }));
  const response = await api.json('POST', '/v1/events', { events });
  assert.equal(response.statusCode, 202, response.body);
  assert.deepEqual(
    response.json().results.map((r: { status: string }) => r.status),
    ['active', 'active'],
  );
  await api.json('POST', '/v1/events', { events });
  const [incident] = (await api.json('GET', '/v1/incidents?state=open')).json().items;
  assert.deepEqual(
    [incident.sender, incident.receivingDomain, incident.blocklists, incident.rejections],
    ['192.0.2.9', DOMAIN, ['Barracuda'], 2],
  );
});
