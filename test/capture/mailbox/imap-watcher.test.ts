/**
 * The IMAP watcher against a real Dovecot on 127.0.0.1 (test/support/dovecot.sh) and the real service on
 * SQLite. Mail is delivered with APPEND from a second client, which also reads where it went.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import { ImapFlow } from 'imapflow';
import { imapConfig } from '../../../src/capture/mailbox/imap-config.js';
import { startImapWatcher, type ImapWatcher } from '../../../src/capture/mailbox/imap-watcher.js';
import type { MailboxLog } from '../../../src/capture/mailbox/mailbox-log.js';
import { StoreReboundService } from '../../../src/service/rebound-service.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { dovecotMissing, startDovecot, type Dovecot } from '../../support/dovecot.js';
import { dsn, HARD, NOT_A_BOUNCE, SOFT } from '../../support/http-mails.js';

const missing = dovecotMissing();
let dovecot: Dovecot | undefined;

before(async () => {
  if (missing === undefined) dovecot = await startDovecot();
});
after(async () => {
  await dovecot?.remove();
});

interface Logged {
  level: keyof MailboxLog;
  message: string;
}

interface Running {
  service: StoreReboundService;
  accountId: string;
  logs: Logged[];
  watcher: ImapWatcher;
}

/** Each test gets its own folders, so the tests share one server without seeing each other's mail. */
async function watch(
  t: TestContext,
  server: Dovecot,
  options: { folder: string; intervalS?: number; file?: string; maxBytes?: number },
): Promise<Running> {
  const service = new StoreReboundService(openSqliteStore(options.file ?? ':memory:'));
  const { id: accountId } = await service.createAccount('crm');
  const config = imapConfig({
    REBOUND_IMAP_URL: server.url.replace(/INBOX$/, options.folder),
    REBOUND_IMAP_PROCESSED: `${options.folder}-done`,
    REBOUND_IMAP_FAILED: `${options.folder}-failed`,
    REBOUND_IMAP_INTERVAL: String(options.intervalS ?? 1),
  });
  assert.ok(config !== undefined);
  const logs: Logged[] = [];
  const at = (level: keyof MailboxLog) => (_data: object, message: string) =>
    void logs.push({ level, message });
  const watcher = startImapWatcher(
    {
      ingest: (raw) => service.ingestBounce(accountId, raw),
      log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    },
    {
      mailbox: config,
      maxBytes: options.maxBytes ?? 1024 * 1024,
      backoff: { firstMs: 100, maxMs: 1000 },
      closeTimeoutMs: 5000,
    },
  );
  t.after(async () => {
    await watcher.close();
    await service.close();
  });
  return { service, accountId, logs, watcher };
}

/** A second, independent client: delivers mail and counts what is in a folder. */
async function postman(t: TestContext, server: Dovecot): Promise<ImapFlow> {
  const client = new ImapFlow({
    host: server.host,
    port: server.port,
    secure: false,
    auth: { user: server.user, pass: server.password },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  t.after(() => client.logout().catch(() => client.close()));
  return client;
}

async function deliver(client: ImapFlow, folder: string, raw: string): Promise<void> {
  await client.mailboxCreate(folder).catch(() => undefined);
  await client.append(folder, raw);
}

async function count(client: ImapFlow, folder: string): Promise<number> {
  const status = await client.status(folder, { messages: true });
  return status === false ? -1 : (status.messages ?? -1);
}

async function until(what: string, check: () => Promise<boolean>, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function status(rb: Running, address: string): Promise<string | undefined> {
  return (await rb.service.getAddress(rb.accountId, address))?.status;
}

async function bounceCount(rb: Running): Promise<number> {
  return (await rb.service.listBounces(rb.accountId, {}, { limit: 100 })).items.length;
}

test('bounces in the folder are stored, their addresses change, and they move to the processed folder', async (t) => {
  if (dovecot === undefined) return t.skip(missing);
  const mail = await postman(t, dovecot);
  await deliver(mail, 'Drain', dsn({ recipient: 'gone@example.org', ...HARD, id: 'd1' }));
  await deliver(mail, 'Drain', dsn({ recipient: 'full@example.org', ...SOFT, id: 'd2' }));
  await deliver(mail, 'Drain', NOT_A_BOUNCE);
  const rb = await watch(t, dovecot, { folder: 'Drain' });

  await until('the folder is empty', async () => (await count(mail, 'Drain')) === 0);
  assert.equal(await count(mail, 'Drain-done'), 3, 'a mail that is not a bounce is processed too');
  assert.equal(await count(mail, 'Drain-failed'), 0);
  assert.equal(await status(rb, 'gone@example.org'), 'blocked');
  assert.equal(await status(rb, 'full@example.org'), 'soft');
  assert.equal(await bounceCount(rb), 2);
});

test('a message larger than the limit goes to the failed folder, unread', async (t) => {
  if (dovecot === undefined) return t.skip(missing);
  const mail = await postman(t, dovecot);
  const big = dsn({ recipient: 'big@example.org', ...HARD, id: 'big' }) + 'x'.repeat(4000) + '\r\n';
  await deliver(mail, 'Big', big);
  const rb = await watch(t, dovecot, { folder: 'Big', maxBytes: 2048 });

  await until('the folder is empty', async () => (await count(mail, 'Big')) === 0);
  assert.equal(await count(mail, 'Big-failed'), 1);
  assert.equal(await count(mail, 'Big-done'), 0);
  assert.equal(await status(rb, 'big@example.org'), undefined);
  assert.ok(rb.logs.some((l) => l.level === 'warn' && l.message.includes('too large')));
});

test('a store failure leaves the message in the folder; a later pass stores it once', async (t) => {
  if (dovecot === undefined) return t.skip(missing);
  const dir = mkdtempSync(join(tmpdir(), 'rebound-mailbox-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'rebound.db');
  const mail = await postman(t, dovecot);
  const rb = await watch(t, dovecot, { folder: 'Outage', file });
  // A second connection makes the service's event insert fail, as a broken disk would.
  const outside = new Database(file);
  t.after(() => outside.close());
  outside.exec(
    "CREATE TRIGGER fail_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
  );
  await deliver(mail, 'Outage', dsn({ recipient: 'later@example.org', ...HARD, id: 'o1' }));

  await until('the failure is logged', async () => rb.logs.some((l) => l.level === 'error'));
  // Two more passes (interval 1 s) still fail: the message stays put, nothing half-stored.
  await new Promise((resolve) => setTimeout(resolve, 2200));
  assert.equal(await count(mail, 'Outage'), 1);
  assert.equal(await count(mail, 'Outage-done'), 0);
  assert.equal(await bounceCount(rb), 0);

  outside.exec('DROP TRIGGER fail_events');
  await until('the folder is empty', async () => (await count(mail, 'Outage')) === 0);
  assert.equal(await count(mail, 'Outage-done'), 1);
  assert.equal(await bounceCount(rb), 1);
  assert.equal(await status(rb, 'later@example.org'), 'blocked');
});

test('a message stored before a crash but not moved is moved on restart and counted once', async (t) => {
  if (dovecot === undefined) return t.skip(missing);
  const mail = await postman(t, dovecot);
  const raw = dsn({ recipient: 'twice@example.org', ...HARD, id: 'c1' });
  await deliver(mail, 'Crash', raw);
  const rb = await watch(t, dovecot, { folder: 'Crash', intervalS: 3600 });
  // The same bytes were stored by the run that crashed before its MOVE.
  await rb.service.ingestBounce(rb.accountId, Buffer.from(raw));

  await until('the folder is empty', async () => (await count(mail, 'Crash')) === 0);
  assert.equal(await count(mail, 'Crash-done'), 1);
  assert.equal(await bounceCount(rb), 1);
});

test('IDLE picks up a message delivered after the start, long before the interval', async (t) => {
  if (dovecot === undefined) return t.skip(missing);
  const mail = await postman(t, dovecot);
  await mail.mailboxCreate('Idle');
  const rb = await watch(t, dovecot, { folder: 'Idle', intervalS: 3600 });
  await until('connected with IDLE', async () => rb.logs.some((l) => l.message.includes('IDLE')));
  // Let the first pass finish and the client go idle.
  await new Promise((resolve) => setTimeout(resolve, 1500));

  await deliver(mail, 'Idle', dsn({ recipient: 'idle@example.org', ...HARD, id: 'i1' }));
  await until('the message is processed', async () => (await count(mail, 'Idle-done')) === 1, 5000);
  assert.equal(await status(rb, 'idle@example.org'), 'blocked');
});

test('a dropped server is reconnected to, and mail delivered meanwhile is processed', async (t) => {
  if (dovecot === undefined) return t.skip(missing);
  const server = dovecot;
  const mail = await postman(t, server);
  await mail.mailboxCreate('Drop');
  const rb = await watch(t, server, { folder: 'Drop', intervalS: 3600 });
  await until('connected', async () => rb.logs.some((l) => l.message.includes('connected')));

  await server.stop();
  // imapflow notices a stopped server only when its socket times out (~9 s here): wait generously.
  await until(
    'the drop is noticed',
    async () => rb.logs.some((l) => l.message.includes('reconnecting')),
    30_000,
  );
  await server.start();
  const back = await postman(t, server);
  await deliver(back, 'Drop', dsn({ recipient: 'dropped@example.org', ...HARD, id: 'x1' }));
  await until('the message is processed', async () => (await count(back, 'Drop-done')) === 1, 30_000);
  assert.equal(await status(rb, 'dropped@example.org'), 'blocked');
});
