/**
 * SendGrid Event Webhook: a JSON array of events, signed with ECDSA P-256 over timestamp + raw body
 * (headers X-Twilio-Email-Event-Webhook-Signature and -Timestamp), checked with the account's
 * verification key.
 */
import { verify } from 'node:crypto';
import type { Reason } from '../../classify/reasons.js';
import type { EventInput } from '../../service/types.js';
import {
  bounceEvent,
  bracketed,
  isObject,
  isoFromSeconds,
  malformed,
  str,
  type Json,
} from './signal-fields.js';
import {
  VERIFIED,
  unauthorized,
  type ParsedSignal,
  type WebhookProvider,
  type WebhookRequest,
} from './types.js';
import type { AccountWebhookSecrets } from './secrets.js';

const SIGNATURE = 'x-twilio-email-event-webhook-signature';
const TIMESTAMP = 'x-twilio-email-event-webhook-timestamp';
const NAME = 'SendGrid';

/** A bounce's `type` -> reason when its `reason` text tells the classifier nothing. */
const BOUNCE_TYPES: Readonly<Record<string, Reason>> = { bounce: 'undefined', blocked: 'blocked' };

/**
 * A `dropped` event means SendGrid did not even try; only these reasons say something about the address
 * or the content. Unsubscribes and earlier spam reports are SendGrid's own lists: nothing new to record.
 */
const DROPPED: Readonly<Record<string, Reason>> = {
  'Bounced Address': 'onhold',
  'Spam Content': 'spamdetected',
};

export const sendgridProvider: WebhookProvider = {
  id: 'sendgrid',
  name: NAME,
  verify: verifySendgrid,
  parse,
};

async function verifySendgrid(request: WebhookRequest, secrets: AccountWebhookSecrets) {
  const key = secrets.sendgridPublicKey;
  if (key === undefined) return unauthorized('No SendGrid verification key is configured for this account');
  const signature = request.headers[SIGNATURE];
  const timestamp = request.headers[TIMESTAMP];
  if (typeof signature !== 'string' || typeof timestamp !== 'string') {
    return unauthorized('The request is not signed: enable "Signed Event Webhook Requests" in SendGrid');
  }
  const payload = Buffer.concat([Buffer.from(timestamp, 'utf8'), request.rawBody]);
  const ok = verify('sha256', payload, key, Buffer.from(signature, 'base64'));
  return ok ? VERIFIED : unauthorized('The SendGrid signature does not match the body');
}

function parse(body: unknown): ParsedSignal[] {
  if (!Array.isArray(body)) throw malformed(NAME, 'the body is not a JSON array of events');
  return body.flatMap((event: unknown) => (isObject(event) ? toEvents(event) : []));
}

function toEvents(event: Json): EventInput[] {
  const base = {
    recipient: str(event.email) ?? '',
    messageId: bracketed(str(event['smtp-id'])) ?? str(event.sg_message_id),
    at: isoFromSeconds(event.timestamp),
  };
  switch (str(event.event)) {
    case 'bounce': {
      const fallback = BOUNCE_TYPES[str(event.type) ?? 'bounce'] ?? 'undefined';
      return [bounceEvent(base, { status: str(event.status), diagnostic: str(event.reason) }, fallback)];
    }
    case 'dropped': {
      const reason = DROPPED[str(event.reason) ?? ''];
      return reason === undefined ? [] : [bounceEvent(base, { diagnostic: str(event.reason) }, reason)];
    }
    case 'deferred':
      return [{ type: 'deferred', ...base, diagnosticCode: str(event.response)?.slice(0, 2000) }];
    case 'delivered':
      return [{ type: 'delivered', ...base }];
    case 'spamreport':
      return [{ type: 'complained', ...base }];
    default:
      return [];
  }
}
