import assert from 'node:assert/strict';
import { createSign, generateKeyPairSync } from 'node:crypto';
import test from 'node:test';
import { problemCode, startWebhookApi, type WebhookApi } from './webhook-harness.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const PUBLIC_PEM = publicKey.export({ type: 'spki', format: 'pem' }).toString();
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:rebound-bounces';
const CERT_URL = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000.pem';

type Envelope = Record<string, string>;

/** Written from AWS's documentation, independently of src/capture/webhooks/sns.ts. */
function signed(fields: Envelope, version: '1' | '2' = '1'): Envelope {
  const order =
    fields.Type === 'Notification'
      ? ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
      : ['Message', 'MessageId', 'SubscribeURL', 'Timestamp', 'Token', 'TopicArn', 'Type'];
  const text = order
    .filter((k) => fields[k] !== undefined)
    .map((k) => `${k}\n${fields[k]}\n`)
    .join('');
  const signer = createSign(version === '1' ? 'RSA-SHA1' : 'RSA-SHA256');
  signer.update(text, 'utf8');
  return {
    ...fields,
    SignatureVersion: version,
    Signature: signer.sign(privateKey, 'base64'),
    SigningCertURL: CERT_URL,
  };
}

function notification(message: object, version: '1' | '2' = '1'): Envelope {
  return signed(
    {
      Type: 'Notification',
      MessageId: 'a1b2c3',
      TopicArn: TOPIC,
      Message: JSON.stringify(message),
      Timestamp: '2025-03-01T10:00:00.000Z',
    },
    version,
  );
}

const MAIL = { messageId: 'ses-0001', commonHeaders: { messageId: '<m1@crm.example>' } };

function bounce(bounceType: string, bounceSubType: string, recipients: object[]) {
  return {
    notificationType: 'Bounce',
    mail: MAIL,
    bounce: {
      bounceType,
      bounceSubType,
      bouncedRecipients: recipients,
      timestamp: '2025-03-01T09:59:00.000Z',
    },
  };
}

async function withApi(body: (api: WebhookApi) => Promise<void>): Promise<void> {
  const api = await startWebhookApi(
    () => ({ sesTopicArns: [TOPIC] }),
    (url) => (url.href === CERT_URL ? PUBLIC_PEM : 'confirmed'),
  );
  try {
    await body(api);
  } finally {
    await api.close();
  }
}

const post = (api: WebhookApi, envelope: object) =>
  api.post('ses', JSON.stringify(envelope), { 'content-type': 'text/plain; charset=UTF-8' });

test('SES permanent bounce (signature v1): classified from the diagnostic, address blocked', () =>
  withApi(async (api) => {
    const res = await post(
      api,
      notification(
        bounce('Permanent', 'General', [
          {
            emailAddress: 'gone@example.org',
            status: '5.1.1',
            diagnosticCode: 'smtp; 550 5.1.1 <gone@example.org>: Recipient address rejected: User unknown',
          },
        ]),
      ),
    );
    assert.equal(res.statusCode, 200, res.body);
    assert.deepEqual(res.json(), { events: 1, skipped: 0, confirmed: 0 });
    const state = await api.address('gone@example.org');
    assert.equal(state?.status, 'blocked');
    assert.equal(state?.reason, 'userunknown');
  }));

test('SES transient MailboxFull without a diagnostic (signature v2): the subtype decides, soft', () =>
  withApi(async (api) => {
    const res = await post(
      api,
      notification(bounce('Transient', 'MailboxFull', [{ emailAddress: 'full@example.org' }]), '2'),
    );
    assert.equal(res.statusCode, 200, res.body);
    const state = await api.address('full@example.org');
    assert.equal(state?.status, 'soft');
    assert.equal(state?.history.find((h) => h.type === 'bounced')?.reason, 'mailboxfull');
  }));

test('SES complaint blocks, not-spam feedback does not; delivery is recorded; the certificate is fetched once', () =>
  withApi(async (api) => {
    const complaint = (type: string, to: string) => ({
      notificationType: 'Complaint',
      mail: MAIL,
      complaint: {
        complainedRecipients: [{ emailAddress: to }],
        complaintFeedbackType: type,
        timestamp: '2025-03-01T11:00:00Z',
      },
    });
    assert.equal((await post(api, notification(complaint('abuse', 'angry@example.org')))).statusCode, 200);
    assert.equal((await api.address('angry@example.org'))?.status, 'blocked');
    assert.equal((await post(api, notification(complaint('not-spam', 'fine@example.org')))).json().events, 0);
    assert.equal(await api.address('fine@example.org'), undefined);
    const delivery = {
      eventType: 'Delivery',
      mail: MAIL,
      delivery: { recipients: ['ok@example.org'], timestamp: '2025-03-01T09:00:00Z' },
    };
    assert.equal((await post(api, notification(delivery))).statusCode, 200);
    assert.equal((await api.address('ok@example.org'))?.history[0]?.type, 'delivered');
    assert.deepEqual(api.fetched, [CERT_URL]);
  }));

test('SES: the same notification twice counts once', () =>
  withApi(async (api) => {
    const envelope = notification(
      bounce('Transient', 'General', [
        { emailAddress: 'twice@example.org', diagnosticCode: '452 4.2.2 mailbox full' },
      ]),
    );
    await post(api, envelope);
    await post(api, envelope);
    const history = (await api.address('twice@example.org'))?.history ?? [];
    assert.equal(history.filter((h) => h.type === 'bounced').length, 1);
  }));

test('SES: a tampered message, an unknown topic, a foreign certificate host -> 401, nothing stored', () =>
  withApi(async (api) => {
    const good = notification(bounce('Permanent', 'NoEmail', [{ emailAddress: 'victim@example.org' }]));
    const tampered = { ...good, Message: good.Message!.replace('victim@', 'other@') };
    const otherTopic = { ...good, TopicArn: 'arn:aws:sns:eu-west-1:999999999999:theirs' };
    const foreignCert = {
      ...good,
      SigningCertURL: 'https://sns.eu-west-1.amazonaws.com.evil.example/cert.pem',
    };
    const httpCert = { ...good, SigningCertURL: CERT_URL.replace('https:', 'http:') };
    const unsigned = { ...good, Signature: '' };
    for (const envelope of [tampered, otherTopic, foreignCert, httpCert, unsigned]) {
      const res = await post(api, envelope);
      assert.deepEqual(problemCode(res), {
        status: 401,
        code: 'unauthorized',
        type: 'application/problem+json',
      });
    }
    assert.equal(await api.address('victim@example.org'), undefined);
    assert.equal(await api.address('other@example.org'), undefined);
    assert.ok(api.fetched.every((url) => url === CERT_URL));
  }));

test('SES: malformed JSON and a non-SNS object -> 400', () =>
  withApi(async (api) => {
    assert.deepEqual(problemCode(await api.post('ses', '{"Type": "Notif')), {
      status: 400,
      code: 'invalid_json',
      type: 'application/problem+json',
    });
    assert.equal(problemCode(await api.post('ses', '{"hello": 1}')).status, 400);
    assert.equal(problemCode(await api.post('ses', '')).code, 'invalid_json');
  }));

test('SNS subscription confirmation: SubscribeURL fetched only on an amazonaws SNS host', () =>
  withApi(async (api) => {
    const confirmation = (url: string) =>
      signed({
        Type: 'SubscriptionConfirmation',
        MessageId: 'c1',
        Token: 'tok',
        TopicArn: TOPIC,
        Message: 'You have chosen to subscribe',
        SubscribeURL: url,
        Timestamp: '2025-03-01T10:00:00.000Z',
      });
    const sns = 'https://sns.eu-west-1.amazonaws.com/?Action=ConfirmSubscription&TopicArn=x&Token=tok';
    const res = await post(api, confirmation(sns));
    assert.equal(res.statusCode, 200, res.body);
    assert.equal(res.json().confirmed, 1);
    assert.deepEqual(api.fetched, [CERT_URL, sns]);
    for (const url of [
      'https://attacker.example/?Action=ConfirmSubscription',
      'http://sns.eu-west-1.amazonaws.com/x',
      'https://sns.eu-west-1.amazonaws.com.attacker.example/',
    ]) {
      const refused = await post(api, confirmation(url));
      assert.equal(refused.statusCode, 400, url);
    }
    assert.deepEqual(api.fetched, [CERT_URL, sns]);
  }));

test('SNS: an account without this topic is refused before any fetch', async () => {
  const api = await startWebhookApi(
    () => ({}),
    () => PUBLIC_PEM,
  );
  try {
    const res = await post(
      api,
      notification(bounce('Permanent', 'NoEmail', [{ emailAddress: 'x@example.org' }])),
    );
    assert.equal(res.statusCode, 401);
    assert.deepEqual(api.fetched, []);
  } finally {
    await api.close();
  }
});
