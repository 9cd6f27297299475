/**
 * The service's settings, read once from the environment by the composition root (src/server.ts) and
 * passed down as values: no module reads process.env on its own.
 */

import { isIP } from 'node:net';
import { imapConfig, type ImapMailboxConfig } from './capture/mailbox/imap-config.js';
import { pop3Config, type Pop3MailboxConfig } from './capture/mailbox/pop3-config.js';
import { parseWebhookSecrets, type WebhookSecrets } from './capture/webhooks/index.js';
import { unblockConfig, type UnblockConfig } from './guard/unblock/config.js';

/** Where the data lives: one SQLite file (the default) or a Postgres server. */
export type StoreConfig = { kind: 'sqlite'; path: string } | { kind: 'postgres'; url: string };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface Config {
  host: string;
  /** 0 asks the system for a free port (tests). */
  port: number;
  store: StoreConfig;
  /** The first admin key of the default account; without it the first start creates and prints one. */
  adminKey: string | undefined;
  logLevel: LogLevel;
  /** Signed return paths; without them (REBOUND_BOUNCE_DOMAIN, REBOUND_VERP_SECRET) no bounce listener. */
  verp: VerpConfig | undefined;
  bounce: BounceListenerConfig;
  /** The SMTP relay and HTTP send; on when REBOUND_UPSTREAM is set (which needs the VERP settings). */
  relay: RelayConfig | undefined;
  /** A certificate for STARTTLS on the SMTP ports; none: plain SMTP only. */
  tls: TlsFiles | undefined;
  /** Per-account provider secrets (REBOUND_WEBHOOK_SECRETS); an account without them gets 401. */
  webhookSecrets: WebhookSecrets;
  /** A mailbox bounces land in (REBOUND_IMAP_URL); none: no mailbox is read. */
  imap: ImapMailboxConfig | undefined;
  /** Or a POP3 mailbox (REBOUND_POP3_URL); never both: one mailbox per process. */
  pop3: Pop3MailboxConfig | undefined;
  /** Unblock checks (DNS servers, RCPT probe) and the block-expiry sweep's interval. */
  unblock: UnblockConfig;
  /** SMTP URL for alert emails (REBOUND_ALERT_SMTP); none: alerts are not emailed. */
  alertSmtp: string | undefined;
  /** From address of alert emails (REBOUND_ALERT_FROM). */
  alertFrom: string | undefined;
  /** The reverse proxies whose X-Forwarded-For names the client (REBOUND_TRUST_PROXY); none: the peer is. */
  trustProxy: TrustProxy | undefined;
}

/** A number of proxy hops in front of Rebound, or the proxies' addresses (IPs, CIDRs, `loopback` ...). */
export type TrustProxy = number | string[];

export interface VerpConfig {
  /** The bounce domain, whose MX points at Rebound. Lower case. */
  domain: string;
  /** The first signs; all are accepted, so an old secret can stay until its bounces are in. */
  secrets: string[];
}

export interface BounceListenerConfig {
  host: string;
  port: number;
  maxBytes: number;
}

export interface RelayConfig {
  host: string;
  port: number;
  /** smtp://host:port or smtps://host:port, optionally with user:password. */
  upstream: string;
  spoolDir: string;
  maxBytes: number;
  /** SpamAssassin's spamd (REBOUND_SPAMD=host:port); none: messages are not scored. */
  spamd: { host: string; port: number } | undefined;
}

export interface TlsFiles {
  certPath: string;
  keyPath: string;
}

export const DEFAULT_PORT = 8025;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DB = './data/rebound.db';
export const DEFAULT_BOUNCE_PORT = 2525;
export const DEFAULT_RELAY_PORT = 2587;
export const DEFAULT_SPOOL = './data/spool';
export const DEFAULT_RELAY_MAX_BYTES = 25 * 1024 * 1024;
/** Postfix returns at most 50 kB of the original; Exchange returns all of it. */
export const DEFAULT_BOUNCE_MAX_BYTES = 10 * 1024 * 1024;
/** A secret shorter than this could be guessed from tokens seen in the wild. */
export const MIN_VERP_SECRET_LENGTH = 16;
/** Short keys are guessable; the generated ones are far longer. */
export const MIN_ADMIN_KEY_LENGTH = 24;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A setting that cannot be used, named with the variable to fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): Config {
  const host = nonEmpty(env, 'HOST') ?? DEFAULT_HOST;
  const verp = verpConfig(env);
  const imap = imapConfig(env);
  const pop3 = pop3Config(env);
  if (imap !== undefined && pop3 !== undefined) {
    throw new ConfigError('REBOUND_IMAP_URL and REBOUND_POP3_URL are both set: one mailbox per process');
  }
  return {
    host,
    port: parsePort(env, 'PORT', DEFAULT_PORT),
    store: storeConfig(env),
    adminKey: adminKey(nonEmpty(env, 'REBOUND_ADMIN_KEY')),
    logLevel: logLevel(nonEmpty(env, 'LOG_LEVEL')),
    verp,
    bounce: {
      host: nonEmpty(env, 'REBOUND_BOUNCE_HOST') ?? host,
      port: parsePort(env, 'REBOUND_BOUNCE_PORT', DEFAULT_BOUNCE_PORT),
      maxBytes: parseByteLimit(env, 'REBOUND_BOUNCE_MAX_BYTES', DEFAULT_BOUNCE_MAX_BYTES),
    },
    relay: relayConfig(env, host, verp),
    tls: tlsFiles(env),
    webhookSecrets: parseWebhookSecrets(nonEmpty(env, 'REBOUND_WEBHOOK_SECRETS')),
    imap,
    pop3,
    unblock: unblockConfig(env),
    alertSmtp: nonEmpty(env, 'REBOUND_ALERT_SMTP'),
    alertFrom: nonEmpty(env, 'REBOUND_ALERT_FROM'),
    trustProxy: trustProxyConfig(nonEmpty(env, 'REBOUND_TRUST_PROXY')),
  };
}

/** The names proxy-addr (Fastify's trustProxy) gives to address ranges. */
const PROXY_RANGES = new Set(['loopback', 'linklocal', 'uniquelocal']);

/**
 * Whom to believe about the client's address (the login limiter counts failures per client). Trusting
 * every sender of X-Forwarded-For would let any client pick the address it is counted under, so the
 * proxies are named, or counted in hops.
 */
export function trustProxyConfig(text: string | undefined): TrustProxy | undefined {
  if (text === undefined) return undefined;
  if (/^\d+$/.test(text)) {
    const hops = Number(text);
    if (hops < 1 || hops > 10)
      throw new ConfigError(`REBOUND_TRUST_PROXY as a hop count must be 1 to 10, got '${text}'`);
    return hops;
  }
  const entries = text.split(',').map((e) => e.trim());
  for (const entry of entries) {
    const [ip, bits, extra] = entry.split('/');
    const family = isIP(ip ?? '');
    const prefixOk =
      bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= (family === 6 ? 128 : 32));
    if (PROXY_RANGES.has(entry) || (family !== 0 && prefixOk && extra === undefined)) continue;
    throw new ConfigError(
      `REBOUND_TRUST_PROXY: '${entry}' is neither an IP address, a CIDR range (10.0.0.0/8) nor one of ` +
        `${[...PROXY_RANGES].join(', ')}; or give the number of proxies in front (1, 2 ...). Trusting ` +
        'every proxy is not offered: any client could then choose the address its logins count under.',
    );
  }
  return entries;
}

/** Both or neither: one without the other is a half-done setup, refused rather than silently off. */
export function verpConfig(env: Env): VerpConfig | undefined {
  const domain = nonEmpty(env, 'REBOUND_BOUNCE_DOMAIN')?.toLowerCase();
  const secretList = nonEmpty(env, 'REBOUND_VERP_SECRET');
  if (domain === undefined && secretList === undefined) return undefined;
  if (domain === undefined)
    throw new ConfigError('REBOUND_VERP_SECRET is set: set REBOUND_BOUNCE_DOMAIN too');
  if (secretList === undefined)
    throw new ConfigError('REBOUND_BOUNCE_DOMAIN is set: set REBOUND_VERP_SECRET too');
  const labels = domain.split('.');
  if (labels.length < 2 || !labels.every((label) => /^[a-z0-9-]{1,63}$/.test(label))) {
    throw new ConfigError(
      `REBOUND_BOUNCE_DOMAIN must be a domain name like bounce.example.com, got '${domain}'`,
    );
  }
  const secrets = secretList.split(',').map((secret) => secret.trim());
  if (secrets.some((secret) => secret.length < MIN_VERP_SECRET_LENGTH || /\s/.test(secret))) {
    throw new ConfigError(
      `REBOUND_VERP_SECRET: each comma-separated secret needs at least ${MIN_VERP_SECRET_LENGTH} characters and no spaces`,
    );
  }
  return { domain, secrets };
}

function relayConfig(env: Env, host: string, verp: VerpConfig | undefined): RelayConfig | undefined {
  const upstream = nonEmpty(env, 'REBOUND_UPSTREAM');
  if (upstream === undefined) return undefined;
  if (!/^smtps?:\/\/[^/?#]+:\d{1,5}\/?$/.test(upstream)) {
    throw new ConfigError(
      `REBOUND_UPSTREAM must look like smtp://host:port or smtps://host:port, got '${redact(upstream)}'`,
    );
  }
  if (verp === undefined) {
    throw new ConfigError(
      'REBOUND_UPSTREAM is set: set REBOUND_BOUNCE_DOMAIN and REBOUND_VERP_SECRET too (every relayed mail gets a signed return path)',
    );
  }
  return {
    host: nonEmpty(env, 'REBOUND_SMTP_HOST') ?? host,
    port: parsePort(env, 'REBOUND_SMTP_PORT', DEFAULT_RELAY_PORT),
    upstream,
    spoolDir: nonEmpty(env, 'REBOUND_SPOOL') ?? DEFAULT_SPOOL,
    maxBytes: parseByteLimit(env, 'REBOUND_SMTP_MAX_BYTES', DEFAULT_RELAY_MAX_BYTES),
    spamd: spamdAddress(nonEmpty(env, 'REBOUND_SPAMD')),
  };
}

function spamdAddress(text: string | undefined): { host: string; port: number } | undefined {
  if (text === undefined) return undefined;
  const match = /^([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})$/.exec(text);
  const port = Number(match?.[2]);
  if (match === null || !(port > 0 && port <= 65535)) {
    throw new ConfigError(`REBOUND_SPAMD must be host:port of a spamd (e.g. 127.0.0.1:783), got '${text}'`);
  }
  return { host: (match[1] ?? '').replace(/^\[|\]$/g, ''), port };
}

function tlsFiles(env: Env): TlsFiles | undefined {
  const certPath = nonEmpty(env, 'REBOUND_TLS_CERT');
  const keyPath = nonEmpty(env, 'REBOUND_TLS_KEY');
  if (certPath === undefined && keyPath === undefined) return undefined;
  if (certPath === undefined || keyPath === undefined) {
    throw new ConfigError('REBOUND_TLS_CERT and REBOUND_TLS_KEY go together: set both or neither');
  }
  return { certPath, keyPath };
}

/** DATABASE_URL wins when both are set: a deployment that names a Postgres server means it. */
export function storeConfig(env: Env): StoreConfig {
  const url = nonEmpty(env, 'DATABASE_URL');
  if (url !== undefined) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new ConfigError(
        `DATABASE_URL must start with postgres:// or postgresql://, got '${redact(url)}'`,
      );
    }
    return { kind: 'postgres', url };
  }
  return { kind: 'sqlite', path: nonEmpty(env, 'REBOUND_DB') ?? DEFAULT_DB };
}

function nonEmpty(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}

function parsePort(env: Env, name: string, fallback: number): number {
  const text = nonEmpty(env, name);
  if (text === undefined) return fallback;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new ConfigError(`${name} must be a number from 0 to 65535, got '${text}'`);
  }
  return port;
}

function parseByteLimit(env: Env, name: string, fallback: number): number {
  const text = nonEmpty(env, name);
  if (text === undefined) return fallback;
  const bytes = /^\d{1,10}$/.test(text) ? Number(text) : NaN;
  if (!(bytes >= 1024))
    throw new ConfigError(`${name} must be a number of bytes, at least 1024, got '${text}'`);
  return bytes;
}

function adminKey(key: string | undefined): string | undefined {
  if (key !== undefined && key.length < MIN_ADMIN_KEY_LENGTH) {
    throw new ConfigError(`REBOUND_ADMIN_KEY must be at least ${MIN_ADMIN_KEY_LENGTH} characters long`);
  }
  if (key !== undefined && /\s/.test(key)) {
    throw new ConfigError(
      'REBOUND_ADMIN_KEY must not contain spaces (it travels in an Authorization header)',
    );
  }
  return key;
}

function logLevel(text: string | undefined): LogLevel {
  if (text === undefined) return 'info';
  const level = LOG_LEVELS.find((name) => name === text.toLowerCase());
  if (level === undefined)
    throw new ConfigError(`LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}, got '${text}'`);
  return level;
}

/** A connection string may carry a password: never echo it. */
function redact(url: string): string {
  return url.replace(/\/\/[^@/]*@/, '//***@');
}
