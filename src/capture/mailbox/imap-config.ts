/**
 * The IMAP mailbox settings, read from the environment: REBOUND_IMAP_URL names the server, the login and
 * the folder bounces land in; the other variables say whose bounces they are and where read mail goes.
 */
import { ConfigError } from '../../config.js';

export interface ImapMailboxConfig {
  host: string;
  port: number;
  /** imaps://: TLS from the first byte. imap://: STARTTLS, required unless the host is loopback. */
  secure: boolean;
  requireStartTls: boolean;
  user: string;
  password: string;
  /** Folder paths as levels ("Rebound/Processed" -> ["Rebound", "Processed"]): the server's own
   * separator ('.' or '/') joins them, so one setting works on every server. */
  source: string[];
  processed: string[];
  failed: string[];
  /** The account the bounces belong to; undefined: the default account. */
  accountId: string | undefined;
  /** The rescan interval: the only clock without IDLE, a safety net with it. */
  intervalMs: number;
  /** The server and folder, without the password: for logs. */
  label: string;
}

export const DEFAULT_PROCESSED_FOLDER = 'Rebound/Processed';
export const DEFAULT_FAILED_FOLDER = 'Rebound/Failed';
export const DEFAULT_IMAP_INTERVAL_S = 60;
const MAX_IMAP_INTERVAL_S = 86_400;

type Env = Readonly<Record<string, string | undefined>>;

/** Undefined when REBOUND_IMAP_URL is unset; the companions alone are refused as a half-done setup. */
export function imapConfig(env: Env): ImapMailboxConfig | undefined {
  const text = setting(env, 'REBOUND_IMAP_URL');
  if (text === undefined) {
    const stray = COMPANIONS.find((name) => setting(env, name) !== undefined);
    if (stray !== undefined) throw new ConfigError(`${stray} is set: set REBOUND_IMAP_URL too`);
    return undefined;
  }
  const url = parseUrl(text);
  const secure = url.protocol === 'imaps:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const source = folder(
    decode(url.pathname.slice(1), 'REBOUND_IMAP_URL') || 'INBOX',
    'REBOUND_IMAP_URL (folder)',
  );
  return {
    host,
    port: url.port === '' ? (secure ? 993 : 143) : Number(url.port),
    secure,
    requireStartTls: !secure && !isLoopback(host),
    user: decode(url.username, 'REBOUND_IMAP_URL'),
    password: decode(url.password, 'REBOUND_IMAP_URL'),
    source,
    processed: folder(
      setting(env, 'REBOUND_IMAP_PROCESSED') ?? DEFAULT_PROCESSED_FOLDER,
      'REBOUND_IMAP_PROCESSED',
    ),
    failed: folder(setting(env, 'REBOUND_IMAP_FAILED') ?? DEFAULT_FAILED_FOLDER, 'REBOUND_IMAP_FAILED'),
    accountId: setting(env, 'REBOUND_IMAP_ACCOUNT'),
    intervalMs: intervalSeconds(setting(env, 'REBOUND_IMAP_INTERVAL'), 'REBOUND_IMAP_INTERVAL') * 1000,
    label: `${url.protocol}//${url.username}@${url.host}/${source.join('/')}`,
  };
}

const COMPANIONS = [
  'REBOUND_IMAP_ACCOUNT',
  'REBOUND_IMAP_PROCESSED',
  'REBOUND_IMAP_FAILED',
  'REBOUND_IMAP_INTERVAL',
] as const;

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError('REBOUND_IMAP_URL must look like imaps://user:password@host:993/INBOX');
  }
  if (url.protocol !== 'imaps:' && url.protocol !== 'imap:') {
    throw new ConfigError(`REBOUND_IMAP_URL must start with imaps:// or imap://, got '${url.protocol}//'`);
  }
  if (url.username === '' || url.password === '') {
    throw new ConfigError('REBOUND_IMAP_URL needs a user and a password: imaps://user:password@host/INBOX');
  }
  if (url.search !== '' || url.hash !== '') {
    throw new ConfigError("REBOUND_IMAP_URL takes no '?' or '#' part: percent-encode them in the password");
  }
  return url;
}

function folder(path: string, name: string): string[] {
  const levels = path.split('/');
  if (levels.some((level) => level.trim() === '')) {
    throw new ConfigError(`${name} must be a folder path like Rebound/Processed, got '${path}'`);
  }
  return levels;
}

/** Shared with pop3-config.ts: the same range and message under each variable's name. */
export function intervalSeconds(text: string | undefined, name: string): number {
  if (text === undefined) return DEFAULT_IMAP_INTERVAL_S;
  const seconds = /^\d{1,6}$/.test(text) ? Number(text) : NaN;
  if (!(seconds >= 1 && seconds <= MAX_IMAP_INTERVAL_S)) {
    throw new ConfigError(
      `${name} must be a number of seconds from 1 to ${MAX_IMAP_INTERVAL_S}, got '${text}'`,
    );
  }
  return seconds;
}

/** A password in a URL is percent-encoded ('@' as %40); a bad escape is a setting error, not a crash. */
export function decode(text: string, name: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    throw new ConfigError(`${name} has a broken percent-escape (a lone %): write % as %25`);
  }
}

export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || host.startsWith('127.');
}

export function setting(env: Env, name: string): string | undefined {
  const value = env[name]?.trim();
  return value === undefined || value === '' ? undefined : value;
}
