/** POST /v1/messages: the same gate and spool as the SMTP relay, answered over HTTP. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildApi } from '../../../src/api/app.js';
import { verifyVerp } from '../../../src/capture/verp.js';
import { startFakeUpstream } from './fake-upstream.js';
import { DOMAIN, relayOn, SECRET, spoolFiles, waitFor, world } from './relay-harness.js';

test('HTTP send refuses a blocked recipient with the reason and delivers to the others', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const relay = await relayOn(w, upstream.url);
  const app = await buildApi({ service: w.service, checkStore: async () => {}, outbox: () => relay.outbox });
  w.defer(() => app.close());
  await w.service.block(w.accountId, 'gone@example.org', 'test', 'asked to be removed');

  const response = await app.inject({
    method: 'POST',
    url: '/v1/messages',
    headers: { authorization: `Bearer ${w.key}` },
    payload: {
      from: 'news@crm.example',
      to: ['ann@example.org', 'gone@example.org'],
      cc: ['bob@example.org', 'ANN@example.org'],
      subject: 'Autumn news',
      text: 'Hello',
      html: '<p>Hello</p>',
      headers: { 'X-Campaign': 'autumn' },
    },
  });
  assert.equal(response.statusCode, 202, response.body);
  const body = response.json<{
    accepted: string[];
    refused: { address: string; reason: string; explanation: string }[];
    messageId: string;
  }>();
  assert.deepEqual(body.accepted, ['ann@example.org', 'bob@example.org']);
  assert.equal(body.refused.length, 1);
  assert.equal(body.refused[0]?.address, 'gone@example.org');
  assert.equal(body.refused[0]?.reason, 'admin');
  assert.ok((body.refused[0]?.explanation ?? '').length > 0);
  assert.match(body.messageId, /^<.+@.+>$/);

  await waitFor('two deliveries', () => upstream.received.length === 2);
  await waitFor('an empty spool', () => spoolFiles(w.spoolDir).length === 0);
  assert.deepEqual(upstream.received.map((r) => r.to[0]).sort(), ['ann@example.org', 'bob@example.org']);
  for (const got of upstream.received) {
    assert.ok(verifyVerp(got.from, { domain: DOMAIN, secrets: [SECRET] }).ok);
    assert.ok(got.raw.includes(`Message-ID: ${body.messageId}`));
    assert.match(got.raw, /^X-Campaign: autumn$/m);
  }
});

test('HTTP send: no key is 401, every recipient refused queues nothing, sending off is a clear 503', async (t) => {
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const relay = await relayOn(w, upstream.url);
  const app = await buildApi({ service: w.service, checkStore: async () => {}, outbox: () => relay.outbox });
  w.defer(() => app.close());
  await w.service.block(w.accountId, 'gone@example.org', 'test', 'asked to be removed');
  const payload = { from: 'news@crm.example', to: ['gone@example.org'], subject: 's', text: 't' };

  assert.equal((await app.inject({ method: 'POST', url: '/v1/messages', payload })).statusCode, 401);
  const auth = { authorization: `Bearer ${w.key}` };
  const allRefused = await app.inject({ method: 'POST', url: '/v1/messages', headers: auth, payload });
  assert.equal(allRefused.statusCode, 202);
  assert.deepEqual(allRefused.json<{ accepted: string[]; messageId: null }>().accepted, []);
  assert.equal(allRefused.json<{ messageId: null }>().messageId, null);
  assert.deepEqual(spoolFiles(w.spoolDir), []);

  const bad = await app.inject({
    method: 'POST',
    url: '/v1/messages',
    headers: auth,
    payload: { ...payload, headers: { 'X-Evil': 'a\r\nBcc: x@example.org' } },
  });
  assert.equal(bad.statusCode, 400);

  const off = await buildApi({ service: w.service, checkStore: async () => {} });
  w.defer(() => off.close());
  const none = await off.inject({ method: 'POST', url: '/v1/messages', headers: auth, payload });
  assert.equal(none.statusCode, 503);
  assert.match(none.body, /REBOUND_UPSTREAM/);
});
