/**
 * The service's settings, read once from the environment by the composition root (src/server.ts) and
 * passed down as values: no module reads process.env on its own.
 */

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
}

export const DEFAULT_PORT = 8025;
export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_DB = './data/rebound.db';
/** Short keys are guessable; the generated ones are far longer. */
export const MIN_ADMIN_KEY_LENGTH = 24;

const LOG_LEVELS: readonly LogLevel[] = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'];

/** A setting that cannot be used, named with the variable to fix. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
}

type Env = Readonly<Record<string, string | undefined>>;

export function loadConfig(env: Env): Config {
  return {
    host: nonEmpty(env, 'HOST') ?? DEFAULT_HOST,
    port: parsePort(nonEmpty(env, 'PORT')),
    store: storeConfig(env),
    adminKey: adminKey(nonEmpty(env, 'REBOUND_ADMIN_KEY')),
    logLevel: logLevel(nonEmpty(env, 'LOG_LEVEL')),
  };
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

function parsePort(text: string | undefined): number {
  if (text === undefined) return DEFAULT_PORT;
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  if (!(port >= 0 && port <= 65535)) {
    throw new ConfigError(`PORT must be a number from 0 to 65535, got '${text}'`);
  }
  return port;
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
