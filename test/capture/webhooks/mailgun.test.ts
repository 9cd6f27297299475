import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import test from 'node:test';
import { problemCode, startWebhookApi, type WebhookApi } from './webhook-harness.js';

const SIGNING_KEY = 'key-test-0123456789abcdef';

function signedBody(eventData: object, key = SIGNING_KEY): string {
  const timestamp = '1740823200';
  const token = 'a8ce0edb2dd8301dee6c2405235584e45aa91d1e9f979f3de0';
  const signature = createHmac('sha256', key)
    .update(timestamp + token)
    .digest('hex');
  return JSON.stringify({ signature: { timestamp, token, signature }, 'event-data': eventData });
}

function failed(recipient: string, severity: string, code: number, message: string, reason = 'generic') {
  return {
    event: 'failed',
    id: `id-${recipient}`,
    timestamp: 1740823100.25,
    severity,
    reason,
    recipient,
    message: { headers: { 'message-id': `${recipient}.m@crm.example` } },
    'delivery-status': { code, message, description: '' },
  };
}

async function withApi(body: (api: WebhookApi) => Promise<void>): Promise<void> {
  const api = await startWebhookApi(() => ({ mailgunSigningKey: SIGNING_KEY }));
  try {
    await body(api);
  } finally {
    await api.close();
  }
}

test('Mailgun: permanent failure blocks, temporary is a deferral, complaint blocks, delivery recorded', () =>
  withApi(async (api) => {
    const cases = [
      failed(
        'gone@example.org',
        'permanent',
        550,
        '5.1.1 The email account that you tried to reach does not exist.',
      ),
      failed(
        'later@example.org',
        'temporary',
        452,
        '4.2.2 The email account that you tried to reach is over quota.',
      ),
      {
        event: 'complained',
        timestamp: 1740823101,
        recipient: 'angry@example.org',
        message: { headers: {} },
      },
      {
        event: 'delivered',
        timestamp: 1740823102,
        recipient: 'ok@example.org',
        message: { headers: { 'message-id': 'x@crm' } },
      },
    ];
    for (const data of cases) {
      const res = await api.post('mailgun', signedBody(data));
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().events, 1);
    }
    const gone = await api.address('gone@example.org');
    assert.deepEqual([gone?.status, gone?.reason], ['blocked', 'userunknown']);
    assert.equal((await api.address('later@example.org'))?.history[0]?.type, 'deferred');
    assert.equal((await api.address('later@example.org'))?.status, 'active');
    assert.equal((await api.address('angry@example.org'))?.status, 'blocked');
    assert.equal((await api.address('ok@example.org'))?.history[0]?.type, 'delivered');
  }));

test('Mailgun: a suppressed unsubscribe records nothing; the same event twice counts once', () =>
  withApi(async (api) => {
    const unsub = failed(
      'unsub@example.org',
      'permanent',
      605,
      'Not delivering to previously unsubscribed address',
      'suppress-unsubscribe',
    );
    assert.equal((await api.post('mailgun', signedBody(unsub))).json().events, 0);
    assert.equal(await api.address('unsub@example.org'), undefined);
    const full = signedBody(failed('full@example.org', 'permanent', 552, '5.2.2 Mailbox full'));
    await api.post('mailgun', full);
    await api.post('mailgun', full);
    const history = (await api.address('full@example.org'))?.history ?? [];
    assert.deepEqual(
      history.filter((h) => h.type === 'bounced').map((h) => h.reason),
      ['mailboxfull'],
    );
  }));

test('Mailgun: wrong key, tampered signature, no signature -> 401, nothing stored', () =>
  withApi(async (api) => {
    const data = failed('victim@example.org', 'permanent', 550, '5.1.1 user unknown');
    const wrongKey = signedBody(data, 'key-someone-else');
    const tampered = signedBody(data).replace('"timestamp":"1740823200"', '"timestamp":"1740823201"');
    const unsigned = JSON.stringify({ 'event-data': data });
    for (const body of [wrongKey, tampered, unsigned]) {
      assert.equal(problemCode(await api.post('mailgun', body)).status, 401);
    }
    assert.equal(await api.address('victim@example.org'), undefined);
  }));

test('Mailgun: malformed JSON -> 400; signed without event-data -> 400', () =>
  withApi(async (api) => {
    assert.equal(problemCode(await api.post('mailgun', '{"signature":')).code, 'invalid_json');
    const noData = JSON.parse(signedBody({})) as Record<string, unknown>;
    delete noData['event-data'];
    assert.equal(problemCode(await api.post('mailgun', JSON.stringify(noData))).code, 'invalid_request');
  }));
