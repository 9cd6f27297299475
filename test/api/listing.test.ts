/** Reading back: address lists with filters and cursors, stored mails byte for byte, stats. */
import assert from 'node:assert/strict';
import test from 'node:test';
import { dsn, HARD, SOFT, SPAMHAUS } from '../support/http-mails.js';
import { onEachStore, openTestStore, startApi } from './harness.js';

onEachStore('addresses filter by state, reason and domain, page by cursor', async (_t, api) => {
  await api.mail(dsn({ recipient: 'a@one.example', ...HARD, id: 'l1' }));
  await api.mail(dsn({ recipient: 'b@one.example', ...HARD, id: 'l2' }));
  await api.mail(dsn({ recipient: 'c@two.example', ...SOFT, id: 'l3' }));
  const blocked = (await api.json('GET', '/v1/addresses?state=blocked')).json();
  assert.deepEqual(
    blocked.items.map((a: { address: string }) => a.address),
    ['a@one.example', 'b@one.example'],
  );
  assert.equal(
    (await api.json('GET', '/v1/addresses?status=soft&reason=mailboxfull')).json().items.length,
    1,
  );
  assert.equal((await api.json('GET', '/v1/addresses?domain=two.example')).json().items.length, 1);
  const first = (await api.json('GET', '/v1/addresses?limit=2')).json();
  assert.equal(first.items.length, 2);
  assert.equal(typeof first.next, 'string');
  const second = (
    await api.json('GET', `/v1/addresses?limit=2&cursor=${encodeURIComponent(first.next)}`)
  ).json();
  assert.deepEqual(
    second.items.map((a: { address: string }) => a.address),
    ['c@two.example'],
  );
  assert.equal(second.next, null);
  const contradiction = await api.json('GET', '/v1/addresses?state=soft&status=blocked');
  assert.equal(contradiction.statusCode, 400);
});

onEachStore('a stored mail comes back byte for byte as message/rfc822', async (_t, api) => {
  const raw = dsn({ recipient: 'raw@example.org', ...HARD, id: 'r1' });
  const { bounceId } = (await api.mail(raw)).json();
  const listed = (await api.json('GET', '/v1/bounces?reason=userunknown')).json();
  assert.equal(listed.items[0].id, bounceId);
  const response = await api.request({ method: 'GET', url: `/v1/bounces/${bounceId}/raw` });
  assert.equal(response.statusCode, 200);
  assert.equal(response.headers['content-type'], 'message/rfc822');
  assert.equal(response.body, raw);
  assert.equal((await api.request({ method: 'GET', url: '/v1/bounces/999999/raw' })).statusCode, 404);
});

onEachStore('stats count sends, bounces by kind and complaints over a range', async (_t, api) => {
  const at = '2025-01-06T10:00:00Z';
  await api.json('POST', '/v1/events', {
    events: ['a', 'b', 'c', 'd'].map((name) => ({
      type: 'sent',
      recipient: `${name}@example.org`,
      messageId: `<${name}@crm>`,
      at,
    })),
  });
  await api.mail(dsn({ recipient: 'a@example.org', ...HARD, id: 's1', at }));
  await api.mail(dsn({ recipient: 'b@example.org', ...SPAMHAUS, id: 's2', at }));
  const response = await api.json('GET', '/v1/stats?from=2025-01-01&to=2025-02-01&groupBy=day');
  assert.equal(response.statusCode, 200, response.body);
  const body = response.json();
  assert.equal(body.from, '2025-01-01T00:00:00.000Z');
  const row = body.rows.find((r: { key: string }) => r.key === '2025-01-06');
  assert.equal(row.sent, 4);
  assert.equal(row.bounced.hard, 1);
  assert.equal(row.bounced.sender, 1);
  assert.equal((await api.json('GET', '/v1/stats?from=2025-02-01&to=2025-01-01')).statusCode, 400);
});

test('a store that fails gives 500 without internals, and /health 503', async () => {
  const { store } = await openTestStore('sqlite');
  const api = await startApi(store);
  try {
    await store.close();
    const response = await api.json('GET', '/v1/addresses');
    assert.equal(response.statusCode, 500);
    const problem = response.json();
    assert.equal(problem.type, 'urn:rebound:problem:internal');
    assert.match(problem.detail, /request id/);
    assert.doesNotMatch(response.body, /database|sqlite|closed/i);
    const health = await api.request({ method: 'GET', url: '/health', key: null });
    assert.equal(health.statusCode, 503);
  } finally {
    await api.close();
  }
});
