/**
 * Postmark webhooks: authenticated by HTTP basic auth (the credentials put in the webhook URL), compared
 * in constant time. One record per request: Bounce (with a Type), SpamComplaint or Delivery.
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import type { Reason } from '../../classify/reasons.js';
import type { EventInput } from '../../service/types.js';
import {
  bounceEvent,
  bracketed,
  isObject,
  isoFromText,
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

const NAME = 'Postmark';
/** The Metadata key that carries the send's Message-ID (docs/webhooks.md, Counting once). */
export const METADATA_MESSAGE_ID = 'rebound-message-id';

type Mapping = { type: 'bounced'; reason: Reason } | { type: 'deferred' | 'complained' };

/**
 * Bounce Type -> what it means here. Types not listed (Subscribe, Unsubscribe, ManuallyDeactivated,
 * OpenRelayTest, ChallengeVerification, SMTPApiError, InboundError, TemplateRenderingFailed,
 * Unconfirmed, Unknown) say nothing about the mailbox: nothing is recorded.
 */
const BOUNCE_TYPES: Readonly<Record<string, Mapping>> = {
  HardBounce: { type: 'bounced', reason: 'userunknown' },
  BadEmailAddress: { type: 'bounced', reason: 'userunknown' },
  SoftBounce: { type: 'bounced', reason: 'undefined' },
  Transient: { type: 'deferred' },
  DnsError: { type: 'bounced', reason: 'networkerror' },
  AutoResponder: { type: 'bounced', reason: 'vacation' },
  AddressChange: { type: 'bounced', reason: 'hasmoved' },
  SpamNotification: { type: 'bounced', reason: 'spamdetected' },
  VirusNotification: { type: 'bounced', reason: 'virusdetected' },
  Blocked: { type: 'bounced', reason: 'blocked' },
  DMARCPolicy: { type: 'bounced', reason: 'authfailure' },
  SpamComplaint: { type: 'complained' },
};

export const postmarkProvider: WebhookProvider = {
  id: 'postmark',
  name: NAME,
  verify: verifyPostmark,
  parse,
};

async function verifyPostmark(request: WebhookRequest, secrets: AccountWebhookSecrets) {
  const expected = secrets.postmark;
  if (expected === undefined) return unauthorized('No Postmark credentials are configured for this account');
  const header = request.headers.authorization;
  if (header === undefined || !header.toLowerCase().startsWith('basic ')) {
    return unauthorized('Put the credentials in the webhook URL: https://USER:PASSWORD@host/...');
  }
  const given = Buffer.from(header.slice(6).trim(), 'base64').toString('utf8');
  const colon = given.indexOf(':');
  // Both parts always compared, as digests of equal length: timing says nothing about either.
  const userOk = sameSecret(colon < 0 ? given : given.slice(0, colon), expected.user);
  const passwordOk = sameSecret(colon < 0 ? '' : given.slice(colon + 1), expected.password);
  return userOk && passwordOk ? VERIFIED : unauthorized('The Postmark credentials do not match');
}

function sameSecret(given: string, expected: string): boolean {
  const digest = (s: string) => createHash('sha256').update(s, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

function parse(body: unknown): ParsedSignal[] {
  if (!isObject(body) || str(body.RecordType) === undefined) throw malformed(NAME, 'no RecordType');
  // Postmark's MessageID is its own; the send's Message-ID comes back only as Metadata the sender set
  // (header X-PM-Metadata-rebound-message-id), and only then can a DSN of the same send be matched.
  const messageId = bracketed(str(objectAt(body, 'Metadata')[METADATA_MESSAGE_ID])) ?? str(body.MessageID);
  switch (str(body.RecordType)) {
    case 'Bounce':
      return bounce(body, messageId);
    case 'SpamComplaint':
      return [
        { type: 'complained', recipient: str(body.Email) ?? '', messageId, at: isoFromText(body.BouncedAt) },
      ];
    case 'Delivery':
      return [
        {
          type: 'delivered',
          recipient: str(body.Recipient) ?? '',
          messageId,
          at: isoFromText(body.DeliveredAt),
        },
      ];
    default:
      return [];
  }
}

function bounce(body: Json, messageId: string | undefined): EventInput[] {
  const mapping = BOUNCE_TYPES[str(body.Type) ?? ''];
  if (mapping === undefined) return [];
  const base = { recipient: str(body.Email) ?? '', messageId, at: isoFromText(body.BouncedAt) };
  const details = str(body.Details);
  if (mapping.type === 'bounced') return [bounceEvent(base, { diagnostic: details }, mapping.reason)];
  return [{ type: mapping.type, ...base, diagnosticCode: details?.slice(0, 2000) }];
}
