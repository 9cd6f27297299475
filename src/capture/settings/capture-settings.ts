/**
 * The capture paths' per-account settings as the API and the relay use them: the sending checks and the
 * webhook secrets, validated on the way in, read back with defaults. The store keeps the documents.
 */
import { ConfigError } from '../../config.js';
import { ReboundError } from '../../errors.js';
import type { CaptureSettingsStore } from '../../store/capture-settings.js';
import {
  mergeSecrets,
  parseAccountSecrets,
  type AccountWebhookSecrets,
  type WebhookSecrets,
} from '../webhooks/secrets.js';
import { parseSending, storedSending, type SendingSettings } from './sending.js';

export type SecretSource = 'store' | 'environment' | null;

/** What GET /v1/settings/webhook-secrets shows: where each provider's secret comes from, never the secret. */
export interface WebhookSecretsView {
  ses: { source: SecretSource; topicArns: readonly string[] };
  sendgrid: { source: SecretSource };
  mailgun: { source: SecretSource };
  postmark: { source: SecretSource; user: string | null };
  explanation: string;
}

/**
 * The relay asks for an account's sending settings several times per message; a second-old copy saves
 * those reads (on SQLite they queue behind every write). A change through this object applies at once;
 * one written by another process within SENDING_TTL_MS.
 */
const SENDING_TTL_MS = 1000;

export class CaptureSettings {
  private readonly sendingCache = new Map<string, { value: Promise<SendingSettings>; at: number }>();

  constructor(
    private readonly store: CaptureSettingsStore,
    private readonly envSecrets: WebhookSecrets,
  ) {}

  sending(accountId: string): Promise<SendingSettings> {
    const now = Date.now();
    const cached = this.sendingCache.get(accountId);
    if (cached !== undefined && now - cached.at < SENDING_TTL_MS) return cached.value;
    if (this.sendingCache.size > 10_000) this.sendingCache.clear();
    const value = this.store.get(accountId, 'sending').then(storedSending);
    this.sendingCache.set(accountId, { value, at: now });
    value.catch(() => this.sendingCache.delete(accountId));
    return value;
  }

  /** Fields left out keep their values; any problem refuses the whole update (400, every problem listed). */
  async updateSending(accountId: string, input: unknown): Promise<SendingSettings> {
    const result = parseSending(input, await this.sending(accountId));
    if (!result.ok)
      throw new ReboundError('invalid_request', `Sending settings refused: ${result.errors.join('; ')}.`);
    await this.store.put(accountId, 'sending', result.settings);
    this.sendingCache.delete(accountId);
    return result.settings;
  }

  /** The store's secrets of the account, undefined when it has none stored. */
  async storedSecrets(accountId: string): Promise<AccountWebhookSecrets | undefined> {
    const stored = await this.store.get(accountId, 'webhook-secrets');
    if (stored === undefined) return undefined;
    try {
      return parseAccountSecrets(stored, 'stored webhook secrets');
    } catch {
      // Checked when put; a document that no longer parses is treated as absent, not as a crash per webhook.
      return undefined;
    }
  }

  /** Replaces the account's stored secrets as a whole ({} removes them all). */
  async replaceSecrets(accountId: string, input: unknown): Promise<WebhookSecretsView> {
    try {
      parseAccountSecrets(input, 'webhook secrets');
    } catch (error) {
      if (error instanceof ConfigError) throw new ReboundError('invalid_request', `${error.message}.`);
      throw error;
    }
    await this.store.put(accountId, 'webhook-secrets', input);
    return this.secretsView(accountId);
  }

  async secretsView(accountId: string): Promise<WebhookSecretsView> {
    const stored = await this.storedSecrets(accountId);
    const env = this.envSecrets.get(accountId);
    const merged = mergeSecrets(stored, env);
    const source = (inStore: boolean, inEnv: boolean): SecretSource =>
      inStore ? 'store' : inEnv ? 'environment' : null;
    const view = {
      ses: {
        source: source((stored?.sesTopicArns.length ?? 0) > 0, (env?.sesTopicArns.length ?? 0) > 0),
        topicArns: merged.sesTopicArns,
      },
      sendgrid: {
        source: source(stored?.sendgridPublicKey !== undefined, env?.sendgridPublicKey !== undefined),
      },
      mailgun: {
        source: source(stored?.mailgunSigningKey !== undefined, env?.mailgunSigningKey !== undefined),
      },
      postmark: {
        source: source(stored?.postmark !== undefined, env?.postmark !== undefined),
        user: merged.postmark?.user ?? null,
      },
    };
    const off = Object.entries(view)
      .filter(([, v]) => v.source === null)
      .map(([name]) => name);
    return {
      ...view,
      explanation:
        off.length === 0
          ? 'Every provider has a secret: webhooks are checked against it.'
          : `No secret for ${off.join(', ')}: webhooks from ${off.length === 1 ? 'it' : 'them'} are answered 401.`,
    };
  }
}
