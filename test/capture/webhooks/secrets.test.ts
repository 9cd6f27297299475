import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import test from 'node:test';
import { ConfigError } from '../../../src/config.js';
import { parseWebhookSecrets } from '../../../src/capture/webhooks/secrets.js';

test('REBOUND_WEBHOOK_SECRETS: a usable configuration is read; unset means none', () => {
  const ec = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).publicKey;
  const secrets = parseWebhookSecrets(
    JSON.stringify({
      acc: {
        sendgridPublicKey: ec.export({ type: 'spki', format: 'der' }).toString('base64'),
        mailgunSigningKey: 'k',
        postmarkUser: 'u',
        postmarkPassword: 'p',
        sesTopicArns: ['arn:aws:sns:us-east-1:1:t'],
      },
    }),
  );
  const acc = secrets.get('acc');
  assert.equal(acc?.sendgridPublicKey?.asymmetricKeyType, 'ec');
  assert.deepEqual(acc?.postmark, { user: 'u', password: 'p' });
  assert.equal(parseWebhookSecrets(undefined).size, 0);
});

test('REBOUND_WEBHOOK_SECRETS: each mistake fails the boot with the field named', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 1024 }).publicKey;
  const cases: [string, RegExp][] = [
    ['{not json', /not valid JSON/],
    ['[]', /keyed by account id/],
    ['{"acc": {"mailgunKey": "k"}}', /mailgunKey is not a known field/],
    ['{"acc": {"postmarkUser": "u"}}', /both postmarkUser and postmarkPassword/],
    ['{"acc": {"sesTopicArns": "arn:aws:sns:x"}}', /sesTopicArns must be an array/],
    ['{"acc": {"sendgridPublicKey": "bm90IGEga2V5"}}', /sendgridPublicKey is not SendGrid/],
    [
      JSON.stringify({
        acc: { sendgridPublicKey: rsa.export({ type: 'spki', format: 'der' }).toString('base64') },
      }),
      /not EC/,
    ],
  ];
  for (const [json, message] of cases) {
    assert.throws(
      () => parseWebhookSecrets(json),
      (e: unknown) => e instanceof ConfigError && message.test(e.message),
      json,
    );
  }
});
