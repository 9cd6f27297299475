/**
 * /v1/settings/sending and /v1/settings/webhook-secrets on the real API, service and store (SQLite):
 * validation, admin-only changes, and stored secrets taking over from the environment at once.
 */
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test, type TestContext } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { buildApi } from '../../../src/api/app.js';
import { CaptureSettings } from '../../../src/capture/settings/capture-settings.js';
import { DEFAULT_SENDING } from '../../../src/capture/settings/sending.js';
import { parseWebhookSecrets } from '../../../src/capture/webhooks/secrets.js';
import { StoreReboundService } from '../../../src/service/rebound-service.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';

const ENV_KEY = 'key-from-the-environment-0123';
const STORED_KEY = 'key-from-the-store-456789';

async function api(t: TestContext) {
  const store = openSqliteStore(':memory:');
  const service = new StoreReboundService(store);
  const { id: accountId } = await service.createAccount('crm');
  const admin = (await service.createApiKey(accountId, 'admin', 'a')).secret;
  const user = (await service.createApiKey(accountId, 'user', 'u')).secret;
  const env = parseWebhookSecrets(JSON.stringify({ [accountId]: { mailgunSigningKey: ENV_KEY } }));
  const captureSettings = new CaptureSettings(store.captureSettings, env);
  const app = await buildApi({
    service,
    checkStore: async () => undefined,
    captureSettings,
    webhooks: {
      secrets: env,
      storedSecrets: (id) => captureSettings.storedSecrets(id),
      fetchText: () => Promise.reject(new Error('no network in tests')),
    },
  });
  t.after(async () => {
    await app.close();
    await service.close();
  });
  const call = (
    method: 'GET' | 'PUT',
    url: string,
    key: string,
    payload?: object,
  ): Promise<LightMyRequestResponse> =>
    app.inject(
      payload === undefined
        ? { method, url, headers: { authorization: `Bearer ${key}` } }
        : { method, url, headers: { authorization: `Bearer ${key}` }, payload },
    );
  const mailgun = (key: string, recipient: string) => {
    const timestamp = '1740823200';
    const token = createHmac('sha256', 't').update(recipient).digest('hex');
    const signature = createHmac('sha256', key)
      .update(timestamp + token)
      .digest('hex');
    return app.inject({
      method: 'POST',
      url: `/v1/webhooks/mailgun/${accountId}`,
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({
        signature: { timestamp, token, signature },
        'event-data': { event: 'delivered', recipient, timestamp: 1740823200, message: { headers: {} } },
      }),
    });
  };
  return { admin, user, call, mailgun };
}

test('sending settings: defaults, partial update by an admin, refused whole with every problem listed', async (t) => {
  const { admin, user, call } = await api(t);
  assert.deepEqual((await call('GET', '/v1/settings/sending', user)).json(), DEFAULT_SENDING);
  assert.equal((await call('PUT', '/v1/settings/sending', user, { maxMessageBytes: 2048 })).statusCode, 403);

  const put = await call('PUT', '/v1/settings/sending', admin, {
    maxMessageBytes: 2_000_000,
    allowedSenders: ['Example.com', 'news@other.example'],
    rateLimits: { 'gmail.com': { perMinute: 60, burst: 10 }, '*': { perMinute: 600 } },
  });
  assert.equal(put.statusCode, 200, put.body);
  const expected = {
    maxMessageBytes: 2_000_000,
    allowedSenders: ['example.com', 'news@other.example'],
    rateLimits: { 'gmail.com': { perMinute: 60, burst: 10 }, '*': { perMinute: 600, burst: 600 } },
    spamCheck: DEFAULT_SENDING.spamCheck,
  };
  assert.deepEqual(put.json(), expected);
  await call('PUT', '/v1/settings/sending', admin, { spamCheck: { mode: 'refuse' } });
  assert.deepEqual((await call('GET', '/v1/settings/sending', user)).json(), {
    ...expected,
    spamCheck: { mode: 'refuse', threshold: 5 },
  });

  const bad = await call('PUT', '/v1/settings/sending', admin, {
    maxMessageBytes: 10,
    allowedSenders: ['not a domain'],
    rateLimits: { 'gmail.com': { perMinute: 0 } },
    spamCheck: { mode: 'loud' },
    colour: 'blue',
  });
  assert.equal(bad.statusCode, 400);
  const detail = bad.json<{ detail: string }>().detail;
  for (const field of [
    'colour',
    'maxMessageBytes',
    'allowedSenders',
    'rateLimits["gmail.com"]',
    'spamCheck.mode',
  ]) {
    assert.ok(detail.includes(field), `${field} named in: ${detail}`);
  }
  assert.equal(
    (await call('GET', '/v1/settings/sending', user)).json<{ maxMessageBytes: number }>().maxMessageBytes,
    2_000_000,
  );
});

test('webhook secrets: the environment works, a stored secret takes over at once, {} hands back; never shown', async (t) => {
  const { admin, user, call, mailgun } = await api(t);
  assert.equal((await mailgun(ENV_KEY, 'a@example.org')).statusCode, 200);
  const before = (await call('GET', '/v1/settings/webhook-secrets', admin)).json<
    Record<string, { source: string | null }>
  >();
  assert.equal(before.mailgun?.source, 'environment');
  assert.equal(before.sendgrid?.source, null);

  assert.equal(
    (await call('PUT', '/v1/settings/webhook-secrets', user, { mailgunSigningKey: STORED_KEY })).statusCode,
    403,
  );
  assert.equal((await call('GET', '/v1/settings/webhook-secrets', user)).statusCode, 403);
  const put = await call('PUT', '/v1/settings/webhook-secrets', admin, {
    mailgunSigningKey: STORED_KEY,
    postmarkUser: 'rebound',
    postmarkPassword: 'secret password',
  });
  assert.equal(put.statusCode, 200, put.body);
  assert.ok(!put.body.includes(STORED_KEY) && !put.body.includes('secret password'), 'secrets are not shown');
  assert.equal(put.json<{ mailgun: { source: string } }>().mailgun.source, 'store');
  assert.equal(put.json<{ postmark: { user: string } }>().postmark.user, 'rebound');
  assert.equal((await mailgun(ENV_KEY, 'b@example.org')).statusCode, 401);
  assert.equal((await mailgun(STORED_KEY, 'c@example.org')).statusCode, 200);

  const refused = await call('PUT', '/v1/settings/webhook-secrets', admin, { postmarkUser: 'only-a-user' });
  assert.equal(refused.statusCode, 400);
  assert.match(refused.json<{ detail: string }>().detail, /postmarkPassword/);
  assert.equal((await mailgun(STORED_KEY, 'd@example.org')).statusCode, 200, 'a refused PUT changes nothing');

  await call('PUT', '/v1/settings/webhook-secrets', admin, {});
  assert.equal((await mailgun(ENV_KEY, 'e@example.org')).statusCode, 200);
  assert.equal((await mailgun(STORED_KEY, 'f@example.org')).statusCode, 401);
});
