/**
 * Per-account webhook secrets, from two places: REBOUND_WEBHOOK_SECRETS (JSON keyed by account id, checked
 * whole at start-up so a typo fails the boot, not the first webhook) and the store (PUT
 * /v1/settings/webhook-secrets, same fields, checked when put, effective at once). Per provider, the
 * store's secret wins; the environment's is the fallback.
 */
import { createPublicKey, type KeyObject } from 'node:crypto';
import { ConfigError } from '../../config.js';

export interface AccountWebhookSecrets {
  /** SendGrid's "Verification Key" (base64 DER, ECDSA P-256), parsed once. */
  sendgridPublicKey?: KeyObject | undefined;
  mailgunSigningKey?: string | undefined;
  postmark?: { user: string; password: string } | undefined;
  /** The SNS topics whose notifications this account accepts: a valid AWS signature alone proves nothing. */
  sesTopicArns: readonly string[];
}

export type WebhookSecrets = ReadonlyMap<string, AccountWebhookSecrets>;

const VARIABLE = 'REBOUND_WEBHOOK_SECRETS';
const FIELDS = new Set([
  'sendgridPublicKey',
  'mailgunSigningKey',
  'postmarkUser',
  'postmarkPassword',
  'sesTopicArns',
]);

/** Undefined or blank means no account has webhooks configured (every call is answered 401). */
export function parseWebhookSecrets(json: string | undefined): WebhookSecrets {
  if (json === undefined || json.trim() === '') return new Map();
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch (error) {
    throw new ConfigError(`${VARIABLE} is not valid JSON: ${(error as Error).message}`);
  }
  if (!isObject(value)) throw new ConfigError(`${VARIABLE} must be a JSON object keyed by account id`);
  return new Map(
    Object.entries(value).map(([accountId, entry]) => [
      accountId,
      parseAccountSecrets(entry, `${VARIABLE}[${JSON.stringify(accountId)}]`),
    ]),
  );
}

/** One account's secrets; throws ConfigError naming the field, prefixed with `where`. */
export function parseAccountSecrets(entry: unknown, where: string): AccountWebhookSecrets {
  if (!isObject(entry)) throw new ConfigError(`${where} must be an object`);
  const unknown = Object.keys(entry).find((k) => !FIELDS.has(k));
  if (unknown !== undefined)
    throw new ConfigError(`${where}.${unknown} is not a known field (${[...FIELDS].join(', ')})`);
  const text = (field: string): string | undefined => {
    const v = entry[field];
    if (v === undefined) return undefined;
    if (typeof v !== 'string' || v.trim() === '')
      throw new ConfigError(`${where}.${field} must be a non-empty string`);
    return v.trim();
  };
  const user = text('postmarkUser');
  const password = text('postmarkPassword');
  if ((user === undefined) !== (password === undefined)) {
    throw new ConfigError(`${where}: set both postmarkUser and postmarkPassword, or neither`);
  }
  const sendgrid = text('sendgridPublicKey');
  return {
    sendgridPublicKey:
      sendgrid === undefined ? undefined : sendgridKey(sendgrid, `${where}.sendgridPublicKey`),
    mailgunSigningKey: text('mailgunSigningKey'),
    postmark: user === undefined || password === undefined ? undefined : { user, password },
    sesTopicArns: topicArns(entry.sesTopicArns, `${where}.sesTopicArns`),
  };
}

/** The store's secret per provider when it has one, else the environment's. */
export function mergeSecrets(
  stored: AccountWebhookSecrets | undefined,
  env: AccountWebhookSecrets | undefined,
): AccountWebhookSecrets {
  return {
    sendgridPublicKey: stored?.sendgridPublicKey ?? env?.sendgridPublicKey,
    mailgunSigningKey: stored?.mailgunSigningKey ?? env?.mailgunSigningKey,
    postmark: stored?.postmark ?? env?.postmark,
    sesTopicArns:
      (stored?.sesTopicArns.length ?? 0) > 0 ? (stored?.sesTopicArns ?? []) : (env?.sesTopicArns ?? []),
  };
}

function sendgridKey(base64: string, where: string): KeyObject {
  try {
    const key = createPublicKey({ key: Buffer.from(base64, 'base64'), format: 'der', type: 'spki' });
    if (key.asymmetricKeyType !== 'ec')
      throw new Error(`an ${key.asymmetricKeyType ?? 'unknown'} key, not EC`);
    return key;
  } catch (error) {
    throw new ConfigError(
      `${where} is not SendGrid's verification key (base64 DER, EC): ${(error as Error).message}`,
    );
  }
}

function topicArns(value: unknown, where: string): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string' && v.startsWith('arn:aws'))) {
    throw new ConfigError(`${where} must be an array of SNS topic ARNs ("arn:aws:sns:REGION:ACCOUNT:TOPIC")`);
  }
  return value as string[];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
