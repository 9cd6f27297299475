/**
 * PostgreSQL going away under a running Rebound: the real server behind a loopback TCP proxy that the
 * test cuts (connections dropped, as a restart or a network fault does) and stops (connections refused).
 * Without the error listeners, node-postgres's 'error' event would end this test process.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { test, type TestContext } from 'node:test';
import { loadConfig } from '../../src/config.js';
import { HttpTarget } from '../../src/cli/http-target.js';
import { importAll } from '../../src/cli/import-command.js';
import { isReboundError } from '../../src/errors.js';
import { startServer } from '../../src/server.js';
import { isConnectionLoss, serverFault } from '../../src/store/postgres/server-faults.js';
import { openPostgresStore, type PgStore } from '../../src/store/postgres/pg-store.js';
import { PG_URL, postgresReachable, startApi } from '../api/harness.js';
import { admin } from './backends.js';
import { dsn, HARD } from '../support/http-mails.js';
import { newEvent } from '../support/new-event.js';
import { TcpProxy } from '../support/tcp-proxy.js';

test('what counts as a lost database or a full disk, and what does not', () => {
  const withCode = (message: string, code: string) => Object.assign(new Error(message), { code });
  for (const lost of [
    withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'),
    withCode('read ECONNRESET', 'ECONNRESET'),
    withCode('getaddrinfo ENOTFOUND db.internal', 'ENOTFOUND'),
    withCode('terminating connection due to administrator command', '57P01'),
    withCode('the database system is starting up', '57P03'),
    withCode('connection failure', '08006'),
    new Error('Connection terminated unexpectedly'),
    new AggregateError([withCode('connect ECONNREFUSED ::1:5432', 'ECONNREFUSED')], ''),
  ])
    assert.equal(isConnectionLoss(lost), true, lost.message);
  for (const kept of [
    withCode('duplicate key value violates unique constraint "x"', '23505'),
    withCode('relation "nope" does not exist', '42P01'),
    withCode('could not serialize access', '40001'),
    new TypeError('Cannot read properties of undefined'),
    'ECONNREFUSED',
  ])
    assert.equal(isConnectionLoss(kept), false, String(kept));

  const translated = serverFault(withCode('connect ECONNREFUSED 127.0.0.1:5432', 'ECONNREFUSED'));
  assert.ok(isReboundError(translated));
  assert.equal(translated.code, 'database_unavailable');
  assert.equal(translated.status, 503);
  assert.equal(translated.message, 'PostgreSQL is unreachable (connect ECONNREFUSED 127.0.0.1:5432)');
  const full = serverFault(
    withCode('could not extend file "base/16384/16385": No space left on device', '53100'),
  );
  assert.ok(isReboundError(full));
  assert.equal(full.code, 'storage_full');
  assert.equal(full.status, 507);
  assert.match(full.message, /^PostgreSQL is out of disk space \(could not extend file/);
  const crowded = serverFault(withCode('sorry, too many clients already', '53300'));
  assert.ok(isReboundError(crowded) && crowded.code === 'database_unavailable');
  const other = new Error('syntax error');
  assert.equal(serverFault(other), other);
});

interface Behind {
  proxy: TcpProxy;
  store: PgStore;
  warnings: string[];
}

interface Route {
  proxy: TcpProxy;
  /** The server's URL through the proxy, in a fresh schema (search_path in the URL's options). */
  url: string;
  schema: string;
}

/** A proxy to PostgreSQL and a fresh schema behind it; skipped visibly without PostgreSQL. */
async function proxied(t: TestContext): Promise<Route | undefined> {
  if (!(await postgresReachable())) {
    t.skip(`PostgreSQL not reachable at ${PG_URL}: set REBOUND_TEST_PG=postgres://...`);
    return undefined;
  }
  const direct = new URL(PG_URL);
  const proxy = await TcpProxy.start({ host: direct.hostname, port: Number(direct.port || 5432) });
  const schema = `rb_loss_${randomBytes(6).toString('hex')}`;
  await admin(`CREATE SCHEMA ${schema}`);
  t.after(async () => {
    await proxy.stop().catch(() => undefined);
    await admin(`DROP SCHEMA ${schema} CASCADE`);
  });
  const url = new URL(PG_URL);
  url.hostname = '127.0.0.1';
  url.port = String(proxy.port);
  url.searchParams.set('options', `-c search_path=${schema}`);
  return { proxy, url: url.toString(), schema };
}

/** A store on a fresh schema, reached through the proxy. */
async function behindProxy(t: TestContext): Promise<Behind | undefined> {
  const route = await proxied(t);
  if (route === undefined) return undefined;
  const warnings: string[] = [];
  const store = await openPostgresStore({
    connectionString: route.url,
    max: 3,
    log: { warn: (_o, m) => warnings.push(m) },
  });
  t.after(() => store.close().catch(() => undefined));
  return { proxy: route.proxy, store, warnings };
}

async function until(what: string, ready: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !ready(); i++) await sleep(20);
  assert.ok(ready(), `timed out waiting for ${what}`);
}

test('an idle connection the network drops is logged and replaced; the process goes on', async (t) => {
  const b = await behindProxy(t);
  if (b === undefined) return;
  await b.store.createAccount('before');
  await until('an idle connection', () => b.proxy.connections > 0);
  b.proxy.cut();
  await until('the warning', () => b.warnings.length > 0);
  assert.match(b.warnings[0] ?? '', /PostgreSQL closed an idle connection/);
  const after = await b.store.createAccount('after');
  assert.equal((await b.store.getAccount(after.id))?.name, 'after');
});

test('a transaction whose connection drops midway fails as database_unavailable and leaves nothing', async (t) => {
  const b = await behindProxy(t);
  if (b === undefined) return;
  const account = await b.store.createAccount('a');
  const event = (address: string) =>
    newEvent({ accountId: account.id, address, type: 'delivered', at: '2026-12-01T10:00:00.000Z' });
  await assert.rejects(
    b.store.transaction(async (tx) => {
      await tx.appendEvent(event('first@example.org'));
      b.proxy.cut();
      await tx.appendEvent(event('second@example.org'));
    }),
    (error: unknown) => isReboundError(error) && error.code === 'database_unavailable',
  );
  await b.store.transaction(async (tx) => void (await tx.appendEvent(event('third@example.org'))));
  const rows = await b.store.addressHistory(account.id, 'first@example.org');
  assert.equal(rows.length, 0, 'the first event went with its transaction');
  assert.equal((await b.store.addressHistory(account.id, 'third@example.org')).length, 1);
});

test('while PostgreSQL is unreachable the API answers 503 and stores nothing; once back, the same mail counts once', async (t) => {
  const b = await behindProxy(t);
  if (b === undefined) return;
  const api = await startApi(b.store);
  t.after(() => api.close());
  const mail = dsn({ recipient: 'gone@example.org', ...HARD, id: 'loss1' });
  assert.equal((await api.json('POST', '/v1/check', { recipients: ['gone@example.org'] })).statusCode, 200);

  await b.proxy.stop();
  const refused = await api.mail(mail);
  assert.equal(refused.statusCode, 503);
  assert.equal(refused.headers['retry-after'], '5');
  const problem = refused.json<{ type: string; detail?: string }>();
  assert.equal(problem.type, 'urn:rebound:problem:database_unavailable');
  assert.doesNotMatch(refused.body, /127\.0\.0\.1|ECONNREFUSED/, 'the database address stays in the log');
  assert.equal((await api.request({ method: 'GET', url: '/health', key: null })).statusCode, 503);

  await b.proxy.restore();
  const stored = await api.mail(mail);
  assert.equal(stored.statusCode, 202, stored.body);
  const again = await api.mail(mail);
  assert.equal(again.json<{ duplicate: boolean }>().duplicate, true);
  const address = await api.json('GET', '/v1/addresses/gone@example.org');
  assert.equal(address.json<{ status: string }>().status, 'blocked');
  assert.equal((await api.request({ method: 'GET', url: '/health', key: null })).statusCode, 200);
});

test('rebound serve stopped while PostgreSQL is unreachable stops whole, without an error', async (t) => {
  const route = await proxied(t);
  if (route === undefined) return;
  const server = await startServer(
    loadConfig({
      DATABASE_URL: route.url,
      PORT: '0',
      REBOUND_ADMIN_KEY: 'rb_admin_connection_loss_test_0123456789',
      LOG_LEVEL: 'silent',
    }),
  );
  assert.equal((await fetch(`${server.url}/health`)).status, 200);
  await route.proxy.stop();
  assert.equal((await fetch(`${server.url}/health`)).status, 503);
  // The stop lets go of the alert lease and closes the pool: with no database, it must still end.
  await server.close();
  await assert.rejects(fetch(`${server.url}/health`), 'the HTTP server is closed');
});

test('a server that takes the connection and never answers fails the open in the timeout, clearly', async (t) => {
  // A socket accepted and left silent, as behind a firewall that drops the packets after the handshake.
  const silent = createServer(() => undefined);
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  t.after(() => silent.close());
  const port = (silent.address() as { port: number }).port;
  const started = Date.now();
  await assert.rejects(
    openPostgresStore({
      connectionString: `postgres://rebound@127.0.0.1:${port}/none`,
      connectTimeoutMs: 300,
    }),
    (error: unknown) =>
      isReboundError(error) &&
      error.code === 'database_unavailable' &&
      /connection timeout/.test(error.message),
  );
  assert.ok(Date.now() - started < 5000, 'the open gave up in its timeout');
});

test('rebound import --server rides out PostgreSQL going away under the server: every mail stored once', async (t) => {
  const route = await proxied(t);
  if (route === undefined) return;
  const key = 'rb_admin_connection_loss_import_0123456789';
  const server = await startServer(
    loadConfig({ DATABASE_URL: route.url, PORT: '0', REBOUND_ADMIN_KEY: key, LOG_LEVEL: 'silent' }),
  );
  t.after(() => server.close());
  const dir = mkdtempSync(join(tmpdir(), 'rebound-import-outage-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const MAILS = 120;
  for (let i = 0; i < MAILS; i++)
    writeFileSync(
      join(dir, `${i}.eml`),
      dsn({ recipient: `user${i % 40}@example.org`, ...HARD, id: `o${i}` }),
    );

  // The database goes away before the import starts and comes back a moment later.
  await route.proxy.stop();
  setTimeout(() => void route.proxy.restore(), 300);
  let retries = 0;
  const target = new HttpTarget(server.url, key, {
    wait: () => sleep(100),
    onRetry: () => retries++,
  });
  const { tally, status } = await importAll(target, [dir], { concurrency: 8, workers: 0 });
  assert.equal(status, 0);
  assert.ok(retries > 0, 'the import met the outage');
  assert.equal(tally.bounces + tally.duplicates, MAILS);
  const [stored] = await admin(`SELECT count(*)::int AS n FROM ${route.schema}.bounces`);
  assert.equal(stored?.n, MAILS, 'every mail stored, none twice');
});
