/**
 * The one list of webhook providers. Adding a provider is a file exporting a WebhookProvider and a line
 * here; the route, its schema and the docs' list of ids follow from it.
 */
import { mailgunProvider } from './mailgun.js';
import { postmarkProvider } from './postmark.js';
import { sendgridProvider } from './sendgrid.js';
import { sesProvider } from './ses.js';
import type { AccountWebhookSecrets, WebhookSecrets } from './secrets.js';
import type { FetchText, ProviderId, WebhookProvider } from './types.js';

export interface WebhookDeps {
  /** From the environment (REBOUND_WEBHOOK_SECRETS). */
  secrets: WebhookSecrets;
  /** From the store (PUT /v1/settings/webhook-secrets): per provider, these win over the environment's. */
  storedSecrets?: ((accountId: string) => Promise<AccountWebhookSecrets | undefined>) | undefined;
  /** Used for SNS certificates and subscription confirmations. */
  fetchText: FetchText;
}

export const PROVIDER_IDS: readonly ProviderId[] = ['ses', 'sendgrid', 'mailgun', 'postmark'];

export function webhookProviders(fetchText: FetchText): ReadonlyMap<ProviderId, WebhookProvider> {
  const list = [sesProvider(fetchText), sendgridProvider, mailgunProvider, postmarkProvider];
  return new Map(list.map((p) => [p.id, p]));
}

export {
  mergeSecrets,
  parseAccountSecrets,
  parseWebhookSecrets,
  type AccountWebhookSecrets,
  type WebhookSecrets,
} from './secrets.js';
export { fetchTextOverHttps } from './fetch-text.js';
export type { FetchText, ParsedSignal, ProviderId, WebhookProvider } from './types.js';
