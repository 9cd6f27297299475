/**
 * The one shape every provider module has: verify a request against the account's secrets, then parse
 * its (already verified) body into signals. The route (src/api/routes/webhooks.ts) is the same for all.
 */
import type { IncomingHttpHeaders } from 'node:http';
import type { ErrorCode } from '../../errors.js';
import type { EventInput } from '../../service/types.js';
import type { AccountWebhookSecrets } from './secrets.js';

export type ProviderId = 'ses' | 'sendgrid' | 'mailgun' | 'postmark';

export interface WebhookRequest {
  headers: IncomingHttpHeaders;
  /** The bytes the provider signed, exactly as received. */
  rawBody: Buffer;
  url: string;
  /** rawBody parsed as JSON once by the route. */
  body: unknown;
}

export type VerifyResult =
  { ok: true } | { ok: false; code: Extract<ErrorCode, 'unauthorized' | 'invalid_request'>; detail: string };

/** SNS asks the endpoint to GET a URL before it sends notifications. */
export interface SubscriptionConfirmation {
  type: 'subscription-confirmation';
  url: URL;
}

export type ParsedSignal = EventInput | SubscriptionConfirmation;

export interface WebhookProvider {
  readonly id: ProviderId;
  readonly name: string;
  verify(request: WebhookRequest, secrets: AccountWebhookSecrets): Promise<VerifyResult>;
  /** Throws ReboundError('invalid_request') when the body does not have the provider's shape. */
  parse(body: unknown): ParsedSignal[];
}

/** Fetches a small text resource over HTTPS (an SNS certificate, a SubscribeURL). Injected: tests never reach the network. */
export type FetchText = (url: URL) => Promise<string>;

export const VERIFIED: VerifyResult = { ok: true };

export function unauthorized(detail: string): VerifyResult {
  return { ok: false, code: 'unauthorized', detail };
}
