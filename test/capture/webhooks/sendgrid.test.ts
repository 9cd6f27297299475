import assert from 'node:assert/strict';
import { generateKeyPairSync, sign } from 'node:crypto';
import test from 'node:test';
import { problemCode, startWebhookApi, type WebhookApi } from './webhook-harness.js';

const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const VERIFICATION_KEY = publicKey.export({ type: 'spki', format: 'der' }).toString('base64');

function headers(body: string, timestamp = '1740823200'): Record<string, string> {
  const signature = sign('sha256', Buffer.from(timestamp + body), privateKey).toString('base64');
  return {
    'x-twilio-email-event-webhook-signature': signature,
    'x-twilio-email-event-webhook-timestamp': timestamp,
  };
}

async function withApi(body: (api: WebhookApi) => Promise<void>): Promise<void> {
  const api = await startWebhookApi(() => ({ sendgridPublicKey: VERIFICATION_KEY }));
  try {
    await body(api);
  } finally {
    await api.close();
  }
}

const EVENTS = [
  {
    email: 'gone@example.org',
    timestamp: 1740823100,
    event: 'bounce',
    type: 'bounce',
    status: '5.1.1',
    reason: '550 5.1.1 The email account that you tried to reach does not exist',
    'smtp-id': '<m1@crm.example>',
    sg_event_id: 'e1',
  },
  {
    email: 'listed@example.org',
    timestamp: 1740823101,
    event: 'bounce',
    type: 'blocked',
    status: '5.7.1',
    reason: '554 5.7.1 Service unavailable; Client host [203.0.113.9] blocked using zen.spamhaus.org',
    'smtp-id': '<m2@crm.example>',
  },
  {
    email: 'later@example.org',
    timestamp: 1740823102,
    event: 'deferred',
    response: '451 4.7.1 Greylisted, try again',
    'smtp-id': '<m3@crm.example>',
  },
  {
    email: 'ok@example.org',
    timestamp: 1740823103,
    event: 'delivered',
    response: '250 OK',
    'smtp-id': '<m4@crm.example>',
  },
  { email: 'angry@example.org', timestamp: 1740823104, event: 'spamreport', sg_message_id: 'sg5' },
  { email: 'unsub@example.org', timestamp: 1740823105, event: 'dropped', reason: 'Unsubscribed Address' },
  { email: 'not an address', timestamp: 1740823106, event: 'delivered' },
  { email: 'clicker@example.org', timestamp: 1740823107, event: 'click' },
];

test('SendGrid signed batch: each event type lands in the same taxonomy', () =>
  withApi(async (api) => {
    const body = JSON.stringify(EVENTS);
    const res = await api.post('sendgrid', body, headers(body));
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { events: 5, skipped: 1, confirmed: 0 });
    assert.deepEqual(
      {
        status: (await api.address('gone@example.org'))?.status,
        reason: (await api.address('gone@example.org'))?.reason,
      },
      { status: 'blocked', reason: 'userunknown' },
    );
    // Blamed on the sender: the address stays usable.
    const listed = await api.address('listed@example.org');
    assert.equal(listed?.status, 'active');
    assert.equal(listed?.history.find((h) => h.type === 'bounced')?.reason, 'blocked');
    assert.equal((await api.address('later@example.org'))?.history[0]?.type, 'deferred');
    assert.equal((await api.address('ok@example.org'))?.history[0]?.type, 'delivered');
    assert.equal((await api.address('angry@example.org'))?.status, 'blocked');
    assert.equal(await api.address('unsub@example.org'), undefined);
    assert.equal(await api.address('clicker@example.org'), undefined);
  }));

test('SendGrid: a tampered body, a wrong timestamp, no signature -> 401, nothing stored', () =>
  withApi(async (api) => {
    const body = JSON.stringify([EVENTS[0]]);
    const tampered = body.replace('gone@', 'victim@');
    const cases: [string, Record<string, string>][] = [
      [tampered, headers(body)],
      [body, { ...headers(body), 'x-twilio-email-event-webhook-timestamp': '1740823201' }],
      [body, {}],
    ];
    for (const [payload, hdrs] of cases) {
      assert.equal(problemCode(await api.post('sendgrid', payload, hdrs)).status, 401);
    }
    assert.equal(await api.address('gone@example.org'), undefined);
    assert.equal(await api.address('victim@example.org'), undefined);
  }));

test('SendGrid: malformed JSON -> 400; signed but not an array -> 400', () =>
  withApi(async (api) => {
    const broken = '[{"email": "x@example.org",';
    assert.deepEqual(problemCode(await api.post('sendgrid', broken, headers(broken))).code, 'invalid_json');
    const object = '{"email": "x@example.org"}';
    assert.deepEqual(problemCode(await api.post('sendgrid', object, headers(object))), {
      status: 400,
      code: 'invalid_request',
      type: 'application/problem+json',
    });
  }));

test('SendGrid: another account (no key configured) is refused', () =>
  withApi(async (api) => {
    const body = JSON.stringify([EVENTS[0]]);
    const res = await api.post('sendgrid', body, headers(body), 'some-other-account');
    assert.equal(res.statusCode, 401);
  }));
