/**
 * Mailgun webhooks (JSON): `signature` {timestamp, token, signature} is an HMAC-SHA256 of timestamp +
 * token with the account's webhook signing key; `event-data` holds one event.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Reason } from '../../classify/reasons.js';
import type { EventInput } from '../../service/types.js';
import {
  bounceEvent,
  bracketed,
  isObject,
  isoFromSeconds,
  malformed,
  objectAt,
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

const NAME = 'Mailgun';

/**
 * A permanent failure's `reason` -> our reason when the SMTP reply tells nothing; null: not about the
 * address (Mailgun's own unsubscribe and complaint lists), nothing to record.
 */
const FAILURE_REASONS: Readonly<Record<string, Reason | null>> = {
  bounce: 'undefined',
  generic: 'undefined',
  old: 'expired',
  espblock: 'blocked',
  'suppress-bounce': 'onhold',
  'suppress-unsubscribe': null,
  'suppress-complaint': null,
};

export const mailgunProvider: WebhookProvider = { id: 'mailgun', name: NAME, verify: verifyMailgun, parse };

async function verifyMailgun(request: WebhookRequest, secrets: AccountWebhookSecrets) {
  const key = secrets.mailgunSigningKey;
  if (key === undefined) return unauthorized('No Mailgun signing key is configured for this account');
  const signature = isObject(request.body) ? objectAt(request.body, 'signature') : {};
  const timestamp = str(signature.timestamp);
  const token = str(signature.token);
  const given = Buffer.from(str(signature.signature) ?? '', 'hex');
  if (timestamp === undefined || token === undefined || given.length === 0) {
    return unauthorized('The request has no Mailgun signature');
  }
  const expected = createHmac('sha256', key)
    .update(timestamp + token)
    .digest();
  const ok = given.length === expected.length && timingSafeEqual(given, expected);
  return ok ? VERIFIED : unauthorized('The Mailgun signature does not match');
}

function parse(body: unknown): ParsedSignal[] {
  if (!isObject(body) || !isObject(body['event-data'])) throw malformed(NAME, 'no "event-data" object');
  const data = body['event-data'];
  const headers = objectAt(objectAt(data, 'message'), 'headers');
  const base = {
    recipient: str(data.recipient) ?? '',
    messageId: bracketed(str(headers['message-id'])),
    at: isoFromSeconds(data.timestamp),
  };
  switch (str(data.event)) {
    case 'failed':
      return failed(data, base);
    case 'complained':
      return [{ type: 'complained', ...base }];
    case 'delivered':
      return [{ type: 'delivered', ...base }];
    default:
      return [];
  }
}

function failed(data: Json, base: Pick<EventInput, 'recipient' | 'messageId' | 'at'>): EventInput[] {
  const status = objectAt(data, 'delivery-status');
  const diagnostic = str(status.message) ?? str(status.description);
  if (str(data.severity) === 'temporary') {
    return [{ type: 'deferred', ...base, diagnosticCode: diagnostic?.slice(0, 2000) }];
  }
  const fallback = FAILURE_REASONS[str(data.reason) ?? 'generic'];
  if (fallback === null) return [];
  const code = typeof status.code === 'number' ? status.code : undefined;
  const facts = { replyCode: code, status: str(status['enhanced-code']), diagnostic };
  return [bounceEvent(base, facts, fallback ?? 'undefined')];
}
