/**
 * One signed soft bounce per provider, as each provider posts it, for tests that need "the same bounce
 * by webhook": written from each provider's documentation, independently of src/capture/webhooks/.
 */
import { createHmac, createSign, generateKeyPairSync } from 'node:crypto';

export const PROVIDERS = ['ses', 'sendgrid', 'mailgun', 'postmark'] as const;
export type Provider = (typeof PROVIDERS)[number];

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const TOPIC = 'arn:aws:sns:eu-west-1:123456789012:rebound-bounces';
export const SNS_CERT_URL = 'https://sns.eu-west-1.amazonaws.com/SimpleNotificationService-0000.pem';
export const SNS_CERT_PEM = rsa.publicKey.export({ type: 'spki', format: 'pem' }).toString();
const MAILGUN_KEY = 'key-test-0123456789abcdef';
const POSTMARK = { user: 'rebound', password: 'a long random password' };

/** The account's entry of REBOUND_WEBHOOK_SECRETS for all four providers. */
export const ALL_SECRETS = {
  sesTopicArns: [TOPIC],
  sendgridPublicKey: ec.publicKey.export({ type: 'spki', format: 'der' }).toString('base64'),
  mailgunSigningKey: MAILGUN_KEY,
  postmarkUser: POSTMARK.user,
  postmarkPassword: POSTMARK.password,
};

export interface Posted {
  body: string;
  headers: Record<string, string>;
}

const REPLY = '552 5.2.2 Mailbox full, quota exceeded';
const AT_SECONDS = 1740823200;

/**
 * A mailbox-full bounce of `recipient` for the message whose Message-ID header is `messageId` (with
 * brackets), carried where each provider carries it.
 */
export function softBounceWebhook(provider: Provider, recipient: string, messageId: string): Posted {
  const bare = messageId.slice(1, -1);
  switch (provider) {
    case 'ses':
      return sns({
        notificationType: 'Bounce',
        mail: { messageId: `ses-${bare}`, commonHeaders: { messageId } },
        bounce: {
          bounceType: 'Transient',
          bounceSubType: 'MailboxFull',
          bouncedRecipients: [{ emailAddress: recipient, status: '5.2.2', diagnosticCode: `smtp; ${REPLY}` }],
          timestamp: new Date(AT_SECONDS * 1000).toISOString(),
        },
      });
    case 'sendgrid': {
      const body = JSON.stringify([
        {
          email: recipient,
          timestamp: AT_SECONDS,
          event: 'bounce',
          type: 'bounce',
          status: '5.2.2',
          reason: REPLY,
          'smtp-id': messageId,
          sg_message_id: `sg-${bare}`,
        },
      ]);
      const timestamp = String(AT_SECONDS + 5);
      const signer = createSign('sha256');
      signer.update(timestamp + body);
      return {
        body,
        headers: {
          'content-type': 'application/json',
          'x-twilio-email-event-webhook-timestamp': timestamp,
          'x-twilio-email-event-webhook-signature': signer.sign(ec.privateKey, 'base64'),
        },
      };
    }
    case 'mailgun': {
      const timestamp = String(AT_SECONDS);
      const token = createHmac('sha256', 'token').update(messageId).digest('hex');
      const signature = createHmac('sha256', MAILGUN_KEY)
        .update(timestamp + token)
        .digest('hex');
      const body = JSON.stringify({
        signature: { timestamp, token, signature },
        'event-data': {
          event: 'failed',
          severity: 'permanent',
          reason: 'generic',
          recipient,
          timestamp: AT_SECONDS,
          message: { headers: { 'message-id': bare } },
          'delivery-status': { code: 552, message: REPLY },
        },
      });
      return { body, headers: { 'content-type': 'application/json' } };
    }
    case 'postmark': {
      const body = JSON.stringify({
        RecordType: 'Bounce',
        Type: 'SoftBounce',
        MessageID: `pm-${bare}`,
        Metadata: { 'rebound-message-id': messageId },
        Email: recipient,
        Details: `smtp;${REPLY}`,
        BouncedAt: new Date(AT_SECONDS * 1000).toISOString(),
      });
      const basic = Buffer.from(`${POSTMARK.user}:${POSTMARK.password}`).toString('base64');
      return { body, headers: { 'content-type': 'application/json', authorization: `Basic ${basic}` } };
    }
  }
}

function sns(message: object): Posted {
  const fields: Record<string, string> = {
    Type: 'Notification',
    MessageId: createHmac('sha256', 'id').update(JSON.stringify(message)).digest('hex'),
    TopicArn: TOPIC,
    Message: JSON.stringify(message),
    Timestamp: new Date(AT_SECONDS * 1000).toISOString(),
  };
  const text = ['Message', 'MessageId', 'Subject', 'Timestamp', 'TopicArn', 'Type']
    .filter((k) => fields[k] !== undefined)
    .map((k) => `${k}\n${fields[k]}\n`)
    .join('');
  const signer = createSign('RSA-SHA256');
  signer.update(text, 'utf8');
  const body = JSON.stringify({
    ...fields,
    SignatureVersion: '2',
    Signature: signer.sign(rsa.privateKey, 'base64'),
    SigningCertURL: SNS_CERT_URL,
  });
  return { body, headers: { 'content-type': 'text/plain; charset=UTF-8' } };
}
