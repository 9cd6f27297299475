/**
 * The POP3 mailbox settings, read from the environment: REBOUND_POP3_URL names the server and the login;
 * POP3 has one mailbox per login, so there is no folder. pop3s:// is TLS; plain pop3:// sends the
 * password in the clear and is allowed on loopback only (no STLS upgrade).
 */
import { ConfigError } from '../../config.js';
import { decode, intervalSeconds, isLoopback, setting } from './imap-config.js';

export interface Pop3MailboxConfig {
  host: string;
  port: number;
  secure: boolean;
  user: string;
  password: string;
  /** The account the bounces belong to; undefined: the default account. */
  accountId: string | undefined;
  /** The time between two passes. */
  intervalMs: number;
  /** The server, without the password: for logs. */
  label: string;
}

type Env = Readonly<Record<string, string | undefined>>;

const URL_SETTING = 'REBOUND_POP3_URL';
const COMPANIONS = ['REBOUND_POP3_ACCOUNT', 'REBOUND_POP3_INTERVAL'] as const;

/** Undefined when REBOUND_POP3_URL is unset; the companions alone are refused as a half-done setup. */
export function pop3Config(env: Env): Pop3MailboxConfig | undefined {
  const text = setting(env, URL_SETTING);
  if (text === undefined) {
    const stray = COMPANIONS.find((name) => setting(env, name) !== undefined);
    if (stray !== undefined) throw new ConfigError(`${stray} is set: set ${URL_SETTING} too`);
    return undefined;
  }
  const url = parseUrl(text);
  const secure = url.protocol === 'pop3s:';
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (!secure && !isLoopback(host)) {
    throw new ConfigError(
      `${URL_SETTING}: pop3:// sends the password in the clear; use pop3s:// (plain is allowed on loopback only)`,
    );
  }
  return {
    host,
    port: url.port === '' ? (secure ? 995 : 110) : Number(url.port),
    secure,
    user: loginPart(url.username),
    password: loginPart(url.password),
    accountId: setting(env, 'REBOUND_POP3_ACCOUNT'),
    intervalMs: intervalSeconds(setting(env, 'REBOUND_POP3_INTERVAL'), 'REBOUND_POP3_INTERVAL') * 1000,
    label: `${url.protocol}//${url.username}@${url.host}`,
  };
}

function parseUrl(text: string): URL {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new ConfigError(`${URL_SETTING} must look like pop3s://user:password@host:995`);
  }
  if (url.protocol !== 'pop3s:' && url.protocol !== 'pop3:') {
    throw new ConfigError(`${URL_SETTING} must start with pop3s:// or pop3://, got '${url.protocol}//'`);
  }
  if (url.username === '' || url.password === '') {
    throw new ConfigError(`${URL_SETTING} needs a user and a password: pop3s://user:password@host`);
  }
  if ((url.pathname !== '' && url.pathname !== '/') || url.search !== '' || url.hash !== '') {
    throw new ConfigError(
      `${URL_SETTING} takes no path, '?' or '#' part (POP3 has no folders): percent-encode them in the password`,
    );
  }
  return url;
}

/** USER and PASS are single lines: a line break in them would be read as another command. */
function loginPart(encoded: string): string {
  const text = decode(encoded, URL_SETTING);
  if (text.includes('\r') || text.includes('\n') || text.includes('\0')) {
    throw new ConfigError(`${URL_SETTING}: the user and password cannot contain line breaks`);
  }
  return text;
}
