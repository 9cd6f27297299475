import assert from 'node:assert/strict';
import test from 'node:test';
import { problemCode, startWebhookApi, type WebhookApi } from './webhook-harness.js';

const USER = 'rebound';
const PASSWORD = 'correct horse battery staple';
const auth = (user: string, password: string) => ({
  authorization: `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`,
});
const GOOD = auth(USER, PASSWORD);

async function withApi(body: (api: WebhookApi) => Promise<void>): Promise<void> {
  const api = await startWebhookApi(() => ({ postmarkUser: USER, postmarkPassword: PASSWORD }));
  try {
    await body(api);
  } finally {
    await api.close();
  }
}

function bounce(type: string, email: string, details: string) {
  return JSON.stringify({
    RecordType: 'Bounce',
    ID: 42,
    Type: type,
    MessageID: `pm-${email}`,
    Email: email,
    Details: details,
    BouncedAt: '2025-03-01T10:00:00Z',
  });
}

test('Postmark: hard bounce blocks, spam notification blames the sender, complaint blocks, delivery recorded', () =>
  withApi(async (api) => {
    const payloads = [
      bounce(
        'HardBounce',
        'gone@example.org',
        'smtp;550 5.1.1 The email account that you tried to reach does not exist.',
      ),
      bounce('SpamNotification', 'filtered@example.org', ''),
      JSON.stringify({
        RecordType: 'SpamComplaint',
        Type: 'SpamComplaint',
        Email: 'angry@example.org',
        BouncedAt: '2025-03-01T10:01:00Z',
        MessageID: 'pm2',
      }),
      JSON.stringify({
        RecordType: 'Delivery',
        Recipient: 'ok@example.org',
        DeliveredAt: '2025-03-01T10:02:00Z',
        MessageID: 'pm3',
      }),
    ];
    for (const payload of payloads) {
      const res = await api.post('postmark', payload, GOOD);
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().events, 1);
    }
    const gone = await api.address('gone@example.org');
    assert.deepEqual([gone?.status, gone?.reason], ['blocked', 'userunknown']);
    const filtered = await api.address('filtered@example.org');
    assert.equal(filtered?.status, 'active');
    assert.equal(filtered?.history.find((h) => h.type === 'bounced')?.reason, 'spamdetected');
    assert.equal((await api.address('angry@example.org'))?.status, 'blocked');
    assert.equal((await api.address('ok@example.org'))?.history[0]?.type, 'delivered');
  }));

test('Postmark: a type that says nothing about the mailbox records nothing', () =>
  withApi(async (api) => {
    const res = await api.post('postmark', bounce('ManuallyDeactivated', 'manual@example.org', ''), GOOD);
    assert.deepEqual(res.json(), { events: 0, skipped: 0, confirmed: 0 });
    assert.equal(await api.address('manual@example.org'), undefined);
  }));

test('Postmark: wrong password, wrong user, no credentials, a Bearer key -> 401, nothing stored', () =>
  withApi(async (api) => {
    const payload = bounce('HardBounce', 'victim@example.org', 'smtp;550 5.1.1 user unknown');
    const attempts = [
      auth(USER, `${PASSWORD}x`),
      auth('admin', PASSWORD),
      {},
      { authorization: 'Bearer something' },
    ];
    for (const headers of attempts) {
      assert.equal(problemCode(await api.post('postmark', payload, headers)).status, 401);
    }
    assert.equal(await api.address('victim@example.org'), undefined);
  }));

test('Postmark: malformed JSON -> 400; no RecordType -> 400; unknown provider -> 400', () =>
  withApi(async (api) => {
    assert.equal(problemCode(await api.post('postmark', '{"RecordType": "Bou', GOOD)).code, 'invalid_json');
    assert.equal(
      problemCode(await api.post('postmark', '{"Email": "x@example.org"}', GOOD)).code,
      'invalid_request',
    );
    assert.equal((await api.post('sparkpost', '{}', GOOD)).statusCode, 400);
  }));
