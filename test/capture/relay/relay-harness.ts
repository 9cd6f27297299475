/**
 * The relay on 127.0.0.1 with the real service on SQLite, a spool in a temp directory and a fake
 * upstream. Nothing of ours is replaced.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import nodemailer from 'nodemailer';
import { startRelay, type Relay } from '../../../src/capture/relay/index.js';
import { DEFAULT_SENDING, type SendingSettings } from '../../../src/capture/settings/sending.js';
import { StoreReboundService } from '../../../src/service/rebound-service.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';

export const DOMAIN = 'bounce.example.net';
export const SECRET = 'relay-secret-0123456789abcdef';

const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

export interface World {
  service: StoreReboundService;
  accountId: string;
  key: string;
  spoolDir: string;
  /** Runs at the end of the test, last deferred first (relay before upstream before store). */
  defer(cleanup: () => Promise<void> | void): void;
}

export async function world(t: TestContext): Promise<World> {
  const service = new StoreReboundService(openSqliteStore(':memory:'));
  const { id: accountId } = await service.createAccount('crm');
  const { secret: key } = await service.createApiKey(accountId, 'user', 'crm');
  const spoolDir = mkdtempSync(join(tmpdir(), 'rebound-spool-'));
  const cleanups: (() => Promise<void> | void)[] = [];
  t.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await service.close();
    rmSync(spoolDir, { recursive: true, force: true });
  });
  return { service, accountId, key, spoolDir, defer: (cleanup) => void cleanups.push(cleanup) };
}

export interface RelayExtras {
  /** The account's sending settings (default: DEFAULT_SENDING); read on every use, so a test may change it. */
  settings?: () => SendingSettings;
  tls?: { cert: Buffer; key: Buffer };
  spamd?: { host: string; port: number };
}

export async function relayOn(w: World, upstreamUrl: string, extras: RelayExtras = {}): Promise<Relay> {
  const settings = extras.settings ?? (() => DEFAULT_SENDING);
  const relay = await startRelay(
    { service: w.service, sendingSettings: async () => settings(), log: quiet },
    {
      tls: extras.tls,
      spamd: extras.spamd,
      host: '127.0.0.1',
      port: 0,
      maxBytes: 1024 * 1024,
      closeTimeoutMs: 1000,
      spoolDir: w.spoolDir,
      upstream: upstreamUrl,
      verp: { domain: DOMAIN, secret: SECRET },
      retry: { baseMs: 50, maxMs: 200, pollMs: 20 },
    },
  );
  let closed = false;
  w.defer(async () => {
    if (!closed) await relay.close();
  });
  const close = relay.close;
  return Object.assign(relay, {
    close: async () => {
      closed = true;
      await close();
    },
  });
}

export async function sendThrough(relay: Relay, key: string, to: string[]): Promise<string> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: relay.port,
    secure: false,
    ignoreTLS: true,
    auth: { user: 'crm', pass: key },
  });
  try {
    const info = await transport.sendMail({ from: 'news@crm.example', to, subject: 'Hello', text: 'Hi' });
    return info.response;
  } finally {
    transport.close();
  }
}

/** Messages and markers in the spool directory (not tmp/ or failed/). */
export function spoolFiles(dir: string): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.msg') || name.endsWith('.done'));
}

export async function waitFor(what: string, condition: () => boolean | Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 5000;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));
