/** Keys, roles and tenants: who may read and change what. */
import assert from 'node:assert/strict';
import { REASON_NAMES } from '../../src/classify/reasons.js';
import { dsn, HARD } from '../support/http-mails.js';
import { onEachStore } from './harness.js';

const PROBLEM = 'application/problem+json; charset=utf-8';

onEachStore('no key, a malformed header or an unknown key is 401 problem+json', async (_t, api) => {
  const cases = [
    await api.request({ method: 'GET', url: '/v1/addresses', key: null }),
    await api.request({
      method: 'GET',
      url: '/v1/addresses',
      key: null,
      headers: { authorization: 'Basic abc' },
    }),
    await api.request({ method: 'GET', url: '/v1/addresses', key: 'rb_not-a-key' }),
  ];
  for (const response of cases) {
    assert.equal(response.statusCode, 401);
    assert.equal(response.headers['content-type'], PROBLEM);
    assert.match(String(response.headers['www-authenticate']), /^Bearer/);
    const problem = response.json();
    assert.equal(problem.status, 401);
    assert.equal(problem.type, 'urn:rebound:problem:unauthorized');
    assert.ok(problem.detail.length > 0);
  }
});

onEachStore('a key is refused before its body is read', async (_t, api) => {
  const response = await api.request({
    method: 'POST',
    url: '/v1/bounces',
    key: null,
    headers: { 'content-type': 'message/rfc822' },
    payload: Buffer.alloc(20 * 1024 * 1024, 0x41),
  });
  assert.equal(response.statusCode, 401);
});

onEachStore('a user key cannot block or unblock: 403, and the address stays blocked', async (_t, api) => {
  await api.mail(dsn({ recipient: 'x@example.org', ...HARD, id: 'a1' }));
  for (const action of ['unblock', 'block']) {
    const response = await api.json(
      'POST',
      `/v1/addresses/x@example.org/${action}`,
      { note: 'sure' },
      api.keys.user,
    );
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().type, 'urn:rebound:problem:forbidden');
  }
  const detail = await api.json('GET', '/v1/addresses/x@example.org', undefined, api.keys.user);
  assert.equal(detail.statusCode, 200, 'a user key may read');
  assert.equal(detail.json().status, 'blocked');
});

onEachStore('an admin unblocks with a note, and the note is in the history', async (_t, api) => {
  await api.mail(dsn({ recipient: 'y@example.org', ...HARD, id: 'a2' }));
  const missingNote = await api.json('POST', '/v1/addresses/y@example.org/unblock', {});
  assert.equal(missingNote.statusCode, 400);
  const response = await api.json('POST', '/v1/addresses/y@example.org/unblock', {
    note: 'customer confirmed by phone',
  });
  assert.equal(response.statusCode, 200, response.body);
  assert.equal(response.json().status, 'active');
  const history = (await api.json('GET', '/v1/addresses/y@example.org')).json().history as {
    note?: string;
  }[];
  assert.ok(history.some((h) => h.note === 'customer confirmed by phone'));
  const blocked = await api.json('POST', '/v1/addresses/y@example.org/block', { note: 'asked to stop' });
  assert.deepEqual([blocked.json().status, blocked.json().reason], ['blocked', 'admin']);
});

onEachStore("account B's key sees nothing of account A", async (_t, api) => {
  const ingest = (await api.mail(dsn({ recipient: 'a-only@example.org', ...HARD, id: 'i1' }))).json();
  const other = api.keys.otherAdmin;
  assert.equal((await api.json('GET', '/v1/addresses/a-only@example.org', undefined, other)).statusCode, 404);
  assert.equal(
    (await api.request({ method: 'GET', url: `/v1/bounces/${ingest.bounceId}/raw`, key: other })).statusCode,
    404,
  );
  assert.equal((await api.json('GET', '/v1/bounces', undefined, other)).json().items.length, 0);
  assert.equal((await api.json('GET', '/v1/addresses', undefined, other)).json().items.length, 0);
  const checked = (await api.json('POST', '/v1/check', { recipients: ['a-only@example.org'] }, other)).json();
  assert.equal(checked.results[0].allowed, true);
  const unblock = await api.json(
    'POST',
    '/v1/addresses/a-only@example.org/unblock',
    { note: 'mine?' },
    other,
  );
  assert.equal(unblock.statusCode, 404);
  assert.equal((await api.json('GET', '/v1/addresses/a-only@example.org')).json().status, 'blocked');
});

onEachStore('/health and /docs need no key; the OpenAPI document lists the reasons', async (_t, api) => {
  const health = await api.request({ method: 'GET', url: '/health', key: null });
  assert.deepEqual([health.statusCode, health.json()], [200, { status: 'ok' }]);
  const docs = await api.request({ method: 'GET', url: '/docs/json', key: null });
  assert.equal(docs.statusCode, 200);
  const spec = docs.json();
  assert.ok(spec.paths['/v1/check'].post.security, 'protected routes declare the bearer key');
  assert.equal(spec.paths['/health'].get.security, undefined);
  assert.deepEqual(spec.components.schemas.Verdict.properties.reason.enum, REASON_NAMES);
  assert.ok(spec.paths['/v1/bounces'].post.requestBody.content['message/rfc822']);
  assert.ok(spec.paths['/v1/check'].post.responses['400'].content['application/problem+json']);
});
