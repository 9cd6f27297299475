/**
 * The POP3 watcher against a real Dovecot POP3 on 127.0.0.1 (test/support/dovecot.sh, one server per
 * test: POP3 sees only INBOX) and the real service on SQLite. Mail is delivered with IMAP APPEND to the
 * same mailbox, which also counts what is left on the server.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import type { MailboxLog } from '../../../src/capture/mailbox/mailbox-log.js';
import { pop3Config } from '../../../src/capture/mailbox/pop3-config.js';
import { startPop3Watcher } from '../../../src/capture/mailbox/pop3-watcher.js';
import { loadConfig } from '../../../src/config.js';
import { openLocal } from '../../../src/local.js';
import { startServer } from '../../../src/server.js';
import type { IngestResult } from '../../../src/service/types.js';
import { StoreReboundService } from '../../../src/service/rebound-service.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { dovecotMissing, startDovecot, type Dovecot } from '../../support/dovecot.js';
import { dsn, HARD, NOT_A_BOUNCE, SOFT } from '../../support/http-mails.js';

const missing = dovecotMissing({ pop3: true });
const SESSION_TIMEOUT_MS = 1000;

interface Logged {
  level: keyof MailboxLog;
  data: Record<string, unknown>;
  message: string;
}

interface Running {
  service: StoreReboundService;
  accountId: string;
  logs: Logged[];
}

async function server(t: TestContext): Promise<Dovecot> {
  const dovecot = await startDovecot({ pop3: true });
  t.after(() => dovecot.remove());
  return dovecot;
}

type Ingest = (raw: Uint8Array) => Promise<IngestResult>;

async function watch(
  t: TestContext,
  dovecot: Dovecot,
  options: { file?: string; maxBytes?: number; timeoutMs?: number; wrap?: (ingest: Ingest) => Ingest } = {},
): Promise<Running> {
  const service = new StoreReboundService(openSqliteStore(options.file ?? ':memory:'));
  const { id: accountId } = await service.createAccount('crm');
  const config = pop3Config({ REBOUND_POP3_URL: dovecot.pop3Url, REBOUND_POP3_INTERVAL: '1' });
  assert.ok(config !== undefined);
  const logs: Logged[] = [];
  const at = (level: keyof MailboxLog) => (data: object, message: string) =>
    void logs.push({ level, data: data as Record<string, unknown>, message });
  const ingest: Ingest = (raw) => service.ingestBounce(accountId, raw);
  const watcher = startPop3Watcher(
    {
      ingest: options.wrap?.(ingest) ?? ingest,
      log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    },
    {
      mailbox: config,
      maxBytes: options.maxBytes ?? 1024 * 1024,
      backoff: { firstMs: 100, maxMs: 1000 },
      closeTimeoutMs: 5000,
      timeoutMs: options.timeoutMs ?? 5000,
    },
  );
  t.after(async () => {
    await watcher.close();
    await service.close();
  });
  return { service, accountId, logs };
}

/** Delivers with IMAP APPEND and counts INBOX; a new connection each time, so a restart is no matter. */
async function imap<T>(dovecot: Dovecot, work: (client: ImapFlow) => Promise<T>): Promise<T> {
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.logout().catch(() => client.close());
  }
}

async function deliver(dovecot: Dovecot, ...raws: string[]): Promise<void> {
  await imap(dovecot, async (client) => {
    for (const raw of raws) await client.append('INBOX', raw);
  });
}

async function onServer(dovecot: Dovecot): Promise<number> {
  return imap(dovecot, async (client) => {
    const status = await client.status('INBOX', { messages: true });
    return status === false ? -1 : (status.messages ?? -1);
  });
}

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

async function status(rb: Running, address: string): Promise<string | undefined> {
  return (await rb.service.getAddress(rb.accountId, address))?.status;
}

async function bounceCount(rb: Running): Promise<number> {
  return (await rb.service.listBounces(rb.accountId, {}, { limit: 100 })).items.length;
}

test('bounces are stored, their addresses change, and they are deleted from the server', async (t) => {
  if (missing !== undefined) return t.skip(missing);
  const dovecot = await server(t);
  await deliver(
    dovecot,
    dsn({ recipient: 'gone@example.org', ...HARD, id: 'p1' }),
    dsn({ recipient: 'full@example.org', ...SOFT, id: 'p2' }),
  );
  const rb = await watch(t, dovecot);

  await until('the mailbox is empty', async () => (await onServer(dovecot)) === 0);
  assert.equal(await status(rb, 'gone@example.org'), 'blocked');
  assert.equal(await status(rb, 'full@example.org'), 'soft');
  assert.equal(await bounceCount(rb), 2);
});

test('a mail that is not a bounce is deleted, stores nothing, and is logged', async (t) => {
  if (missing !== undefined) return t.skip(missing);
  const dovecot = await server(t);
  await deliver(dovecot, NOT_A_BOUNCE);
  const rb = await watch(t, dovecot);

  await until('the mailbox is empty', async () => (await onServer(dovecot)) === 0);
  assert.equal(await bounceCount(rb), 0);
  assert.ok(
    rb.logs.some((l) => l.level === 'info' && l.message.includes('not a bounce, nothing stored, deleted')),
  );
});

test('a message larger than the limit is left on the server, warned about once', async (t) => {
  if (missing !== undefined) return t.skip(missing);
  const dovecot = await server(t);
  const big = dsn({ recipient: 'big@example.org', ...HARD, id: 'big' }) + 'x'.repeat(4000) + '\r\n';
  await deliver(dovecot, big);
  const rb = await watch(t, dovecot, { maxBytes: 2048 });

  await until('the warning', async () => rb.logs.some((l) => l.message.includes('too large')));
  await pause(2500);
  assert.equal(await onServer(dovecot), 1);
  assert.equal(rb.logs.filter((l) => l.message.includes('too large')).length, 1);
  assert.equal(await status(rb, 'big@example.org'), undefined);
});

test('a store failure leaves the message on the server; a later pass stores it once', async (t) => {
  if (missing !== undefined) return t.skip(missing);
  const dovecot = await server(t);
  const dir = mkdtempSync(join(tmpdir(), 'rebound-pop3-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'rebound.db');
  const rb = await watch(t, dovecot, { file });
  // A second connection makes the service's event insert fail, as a broken disk would.
  const outside = new Database(file);
  t.after(() => outside.close());
  outside.exec(
    "CREATE TRIGGER fail_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
  );
  await deliver(
    dovecot,
    dsn({ recipient: 'later@example.org', ...HARD, id: 'o1' }),
    dsn({ recipient: 'after@example.org', ...HARD, id: 'o2' }),
  );

  await until('the failure is logged', async () => rb.logs.some((l) => l.level === 'error'));
  // Two more passes (interval 1 s) still fail: both stay, nothing half-stored, the pass stops at the first.
  await pause(2200);
  assert.equal(await onServer(dovecot), 2);
  assert.equal(await bounceCount(rb), 0);

  outside.exec('DROP TRIGGER fail_events');
  await until('the mailbox is empty', async () => (await onServer(dovecot)) === 0);
  assert.equal(await bounceCount(rb), 2);
  assert.equal(await status(rb, 'later@example.org'), 'blocked');
});

test('a connection dropped before QUIT loses nothing and counts nothing twice', async (t) => {
  if (missing !== undefined) return t.skip(missing);
  const dovecot = await server(t);
  await deliver(
    dovecot,
    dsn({ recipient: 'first@example.org', ...HARD, id: 'x1' }),
    dsn({ recipient: 'second@example.org', ...HARD, id: 'x2' }),
  );
  const results: IngestResult[] = [];
  // The second message is stored (the first is already marked deleted), then the service takes longer
  // than the session timeout: the client gives the connection up, closing it without DELE or QUIT.
  const wrap =
    (ingest: Ingest): Ingest =>
    async (raw) => {
      const result = await ingest(raw);
      results.push(result);
      if (results.length === 2) await pause(SESSION_TIMEOUT_MS + 500);
      return result;
    };
  const rb = await watch(t, dovecot, { wrap, timeoutMs: SESSION_TIMEOUT_MS });

  await until('the mailbox is empty', async () => (await onServer(dovecot)) === 0);
  assert.ok(
    rb.logs.some((l) => l.message.includes('session failed')),
    'the connection was dropped',
  );
  // The first was marked deleted before the drop: read again, it shows the server deleted nothing
  // without QUIT; both are then recognised as already stored.
  assert.deepEqual(
    results.map((r) => r.duplicate),
    [false, false, true, true],
  );
  assert.equal(await bounceCount(rb), 2);
  assert.equal(await status(rb, 'first@example.org'), 'blocked');
  assert.equal(await status(rb, 'second@example.org'), 'blocked');
});

test('serve reads a POP3 mailbox: the bounce is stored and deleted from the server', async (t) => {
  if (missing !== undefined) return t.skip(missing);
  const dovecot = await server(t);
  const dir = mkdtempSync(join(tmpdir(), 'rebound-pop3-serve-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'rebound.db');
  await deliver(dovecot, dsn({ recipient: 'served@example.org', ...HARD, id: 's1' }));

  const running = await startServer(
    loadConfig({
      PORT: '0',
      REBOUND_DB: file,
      LOG_LEVEL: 'silent',
      REBOUND_POP3_URL: dovecot.pop3Url,
      REBOUND_POP3_INTERVAL: '1',
    }),
  );
  await until('the mailbox is empty', async () => (await onServer(dovecot)) === 0);
  await running.close();

  const local = await openLocal({ kind: 'sqlite', path: file });
  t.after(() => local.close());
  assert.equal((await local.service.getAddress(local.accountId, 'served@example.org'))?.status, 'blocked');
});
