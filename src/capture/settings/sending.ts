/**
 * An account's pre-send checks (GET/PUT /v1/settings/sending): the largest message it may send, the
 * senders (MAIL FROM) it may use, how fast the relay may deliver to each receiving domain, and what a
 * SpamAssassin score does. Validation returns every problem, each naming the field; nothing throws.
 */
import { describe } from '../../policy/settings.js';

export interface RateLimit {
  /** Sustained rate: deliveries per minute to one receiving domain. */
  perMinute: number;
  /** How many may go at once after a quiet spell (the bucket's size). */
  burst: number;
}

export type SpamMode = 'off' | 'warn' | 'refuse';

export interface SendingSettings {
  maxMessageBytes: number;
  /** Empty: any sender. Else each entry is a domain (`example.com`) or an address (`news@example.com`). */
  allowedSenders: string[];
  /** Receiving domain (or `*` for every other domain, each with its own bucket) -> its limit. */
  rateLimits: Record<string, RateLimit>;
  /** Scoring happens only when the server has a spamd (REBOUND_SPAMD). */
  spamCheck: { mode: SpamMode; threshold: number };
}

export const DEFAULT_SENDING: SendingSettings = {
  maxMessageBytes: 10 * 1024 * 1024,
  allowedSenders: [],
  rateLimits: {},
  spamCheck: { mode: 'warn', threshold: 5 },
};

const MIN_MESSAGE_BYTES = 1024;
const MAX_MESSAGE_BYTES = 1024 * 1024 * 1024;
const MAX_SENDERS = 500;
const MAX_RATE_DOMAINS = 500;
const MAX_PER_MINUTE = 1_000_000;
const SPAM_MODES: readonly SpamMode[] = ['off', 'warn', 'refuse'];

export type SendingResult = { ok: true; settings: SendingSettings } | { ok: false; errors: string[] };

/** A field left out keeps its value in `base` (the defaults, or the current settings for an update). */
export function parseSending(input: unknown, base: SendingSettings = DEFAULT_SENDING): SendingResult {
  if (!isObject(input)) return { ok: false, errors: ['the sending settings must be a JSON object'] };
  const errors: string[] = [];
  for (const name of Object.keys(input)) {
    if (!Object.hasOwn(DEFAULT_SENDING, name)) {
      errors.push(`unknown setting "${name}" (known: ${Object.keys(DEFAULT_SENDING).join(', ')})`);
    }
  }
  const settings: SendingSettings = {
    maxMessageBytes: field(input.maxMessageBytes, base.maxMessageBytes, maxBytes, errors),
    allowedSenders: field(input.allowedSenders, base.allowedSenders, senders, errors),
    rateLimits: field(input.rateLimits, base.rateLimits, rateLimits, errors),
    spamCheck: field(input.spamCheck, base.spamCheck, (v, e) => spamCheck(v, base.spamCheck, e), errors),
  };
  return errors.length > 0 ? { ok: false, errors } : { ok: true, settings };
}

/** A stored document read back: what fails validation (written by an older version) falls back to defaults. */
export function storedSending(value: unknown): SendingSettings {
  if (value === undefined) return DEFAULT_SENDING;
  const result = parseSending(value);
  return result.ok ? result.settings : DEFAULT_SENDING;
}

type Reader<T> = (value: unknown, errors: string[]) => T | undefined;

function field<T>(value: unknown, base: T, read: Reader<T>, errors: string[]): T {
  if (value === undefined) return base;
  return read(value, errors) ?? base;
}

const maxBytes: Reader<number> = (value, errors) => {
  if (
    Number.isInteger(value) &&
    (value as number) >= MIN_MESSAGE_BYTES &&
    (value as number) <= MAX_MESSAGE_BYTES
  ) {
    return value as number;
  }
  errors.push(
    `maxMessageBytes must be an integer from ${MIN_MESSAGE_BYTES} to ${MAX_MESSAGE_BYTES}, got ${describe(value)}`,
  );
  return undefined;
};

const senders: Reader<string[]> = (value, errors) => {
  if (!Array.isArray(value) || value.length > MAX_SENDERS) {
    errors.push(
      `allowedSenders must be an array of at most ${MAX_SENDERS} domains or addresses, got ${describe(value)}`,
    );
    return undefined;
  }
  const out: string[] = [];
  for (const entry of value) {
    const text = typeof entry === 'string' ? entry.trim().toLowerCase() : '';
    const at = text.lastIndexOf('@');
    const domain = at < 0 ? text : text.slice(at + 1);
    if (!isDomain(domain) || (at >= 0 && (at === 0 || at > 64))) {
      errors.push(
        `allowedSenders: ${describe(entry)} is neither a domain (example.com) nor an address (news@example.com)`,
      );
    } else out.push(text);
  }
  return out;
};

const rateLimits: Reader<Record<string, RateLimit>> = (value, errors) => {
  if (!isObject(value) || Object.keys(value).length > MAX_RATE_DOMAINS) {
    errors.push(
      `rateLimits must be an object of at most ${MAX_RATE_DOMAINS} domains ("*" for any other), got ${describe(value)}`,
    );
    return undefined;
  }
  const out: Record<string, RateLimit> = {};
  for (const [key, limit] of Object.entries(value)) {
    const domain = key.trim().toLowerCase();
    if (domain !== '*' && !isDomain(domain)) {
      errors.push(`rateLimits: "${key}" is not a domain name or "*"`);
      continue;
    }
    const perMinute = isObject(limit) ? limit.perMinute : undefined;
    const burst = isObject(limit) ? (limit.burst ?? perMinute) : undefined;
    if (!isCount(perMinute, MAX_PER_MINUTE) || !isCount(burst, MAX_PER_MINUTE)) {
      errors.push(
        `rateLimits["${key}"] must be {"perMinute": 1..${MAX_PER_MINUTE}, "burst": 1..${MAX_PER_MINUTE} (optional)}, got ${describe(limit)}`,
      );
      continue;
    }
    out[domain] = { perMinute, burst };
  }
  return out;
};

function spamCheck(value: unknown, base: SendingSettings['spamCheck'], errors: string[]) {
  if (!isObject(value)) {
    errors.push(
      `spamCheck must be {"mode": "off"|"warn"|"refuse", "threshold": number}, got ${describe(value)}`,
    );
    return undefined;
  }
  const unknown = Object.keys(value).filter((k) => k !== 'mode' && k !== 'threshold');
  if (unknown.length > 0)
    errors.push(`spamCheck: unknown field(s) ${unknown.join(', ')} (known: mode, threshold)`);
  const mode = value.mode ?? base.mode;
  const threshold = value.threshold ?? base.threshold;
  if (!SPAM_MODES.includes(mode as SpamMode))
    errors.push(`spamCheck.mode must be off, warn or refuse, got ${describe(mode)}`);
  if (typeof threshold !== 'number' || !Number.isFinite(threshold) || threshold < 0 || threshold > 100) {
    errors.push(
      `spamCheck.threshold must be a number from 0 to 100 (SpamAssassin points), got ${describe(threshold)}`,
    );
  }
  return { mode: mode as SpamMode, threshold: threshold as number };
}

/** `example.com`, `mail.example.co.uk`: checked label by label (no pattern to backtrack on). */
function isDomain(text: string): boolean {
  const labels = text.split('.');
  const top = labels.at(-1) ?? '';
  return (
    text.length <= 253 &&
    labels.length >= 2 &&
    /^[a-z]{2,63}$/.test(top) &&
    labels.every((l) => /^[a-z0-9-]{1,63}$/.test(l) && !l.startsWith('-') && !l.endsWith('-'))
  );
}

function isCount(value: unknown, max: number): value is number {
  return Number.isInteger(value) && (value as number) >= 1 && (value as number) <= max;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Whether an account may use this envelope sender. Empty list: any. An entry `example.com` allows that
 * domain and its subdomains (mail.example.com); an address entry allows exactly that address. The null
 * sender (`<>`) is a bounce's and never the CRM's: refused when a list is set.
 */
export function senderAllowed(settings: SendingSettings, from: string): boolean {
  if (settings.allowedSenders.length === 0) return true;
  const address = from.trim().toLowerCase();
  const at = address.lastIndexOf('@');
  if (at <= 0) return false;
  const domain = address.slice(at + 1);
  return settings.allowedSenders.some((entry) =>
    entry.includes('@') ? entry === address : domain === entry || domain.endsWith(`.${entry}`),
  );
}
