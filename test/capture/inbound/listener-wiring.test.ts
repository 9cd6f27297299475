/**
 * The bounce listener as `rebound serve` runs it: settings from the environment, started and stopped with
 * the HTTP API, STARTTLS with a configured certificate.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import nodemailer from 'nodemailer';
import { startBounceServer } from '../../../src/capture/inbound/bounce-server.js';
import { signVerp } from '../../../src/capture/verp.js';
import { ConfigError, DEFAULT_BOUNCE_PORT, loadConfig } from '../../../src/config.js';
import { openLocal } from '../../../src/local.js';
import { startServer } from '../../../src/server.js';
import { StoreReboundService } from '../../../src/service/rebound-service.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { dsn, HARD } from '../../support/http-mails.js';
import { makeCertificate, OPENSSL_MISSING } from '../../support/test-certificate.js';

const DOMAIN = 'bounce.example.net';
const OLD = 'old-secret-0123456789abcdef';
const NEW = 'new-secret-0123456789abcdef';

function tempDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-wiring-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function deliver(port: number, to: string, raw: string, tls: boolean): Promise<string> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: !tls,
    requireTLS: tls,
    tls: { rejectUnauthorized: false },
  });
  try {
    return (await transport.sendMail({ envelope: { from: '', to: [to] }, raw })).response;
  } finally {
    transport.close();
  }
}

test('the listener settings: off without a bounce domain, refused when half set', () => {
  const off = loadConfig({});
  assert.equal(off.verp, undefined);
  assert.equal(off.bounce.port, DEFAULT_BOUNCE_PORT);
  const on = loadConfig({
    REBOUND_BOUNCE_DOMAIN: 'Bounce.Example.NET',
    REBOUND_VERP_SECRET: `${NEW}, ${OLD}`,
  });
  assert.deepEqual(on.verp, { domain: DOMAIN, secrets: [NEW, OLD] });
  const bad: Record<string, string>[] = [
    { REBOUND_BOUNCE_DOMAIN: DOMAIN },
    { REBOUND_VERP_SECRET: NEW },
    { REBOUND_BOUNCE_DOMAIN: DOMAIN, REBOUND_VERP_SECRET: 'short' },
    { REBOUND_BOUNCE_DOMAIN: DOMAIN, REBOUND_VERP_SECRET: `${NEW},` },
    { REBOUND_BOUNCE_DOMAIN: 'bounces@example.net', REBOUND_VERP_SECRET: NEW },
    { REBOUND_BOUNCE_DOMAIN: 'localhost', REBOUND_VERP_SECRET: NEW },
    { REBOUND_BOUNCE_PORT: '70000' },
    { REBOUND_BOUNCE_MAX_BYTES: '10k' },
    { REBOUND_TLS_CERT: '/etc/cert.pem' },
  ];
  for (const env of bad) assert.throws(() => loadConfig(env), ConfigError, JSON.stringify(env));
});

test('rebound serve starts the listener with the API, accepts the old secret, and stops with it', async (t) => {
  const dir = tempDir(t);
  const env = {
    PORT: '0',
    HOST: '127.0.0.1',
    REBOUND_DB: join(dir, 'rebound.db'),
    LOG_LEVEL: 'silent',
    REBOUND_BOUNCE_DOMAIN: DOMAIN,
    REBOUND_VERP_SECRET: `${NEW},${OLD}`,
    REBOUND_BOUNCE_PORT: '0',
  };
  const config = loadConfig(env);
  const server = await startServer(config);
  const local = await openLocal(config.store);
  t.after(() => local.close());
  let closed = false;
  t.after(async () => {
    if (!closed) await server.close();
  });
  assert.ok(server.bounce !== undefined, 'the listener is on');
  const recipient = 'gone@example.org';
  // A mail sent before the rotation: its token was signed with what is now the old secret.
  const to = signVerp(
    { accountId: local.accountId, recipient },
    { localPart: 'bounces', domain: DOMAIN, secret: OLD },
  );
  assert.match(await deliver(server.bounce.port, to, dsn({ recipient, ...HARD, id: 'w1' }), false), /^250 /);
  assert.equal((await local.service.getAddress(local.accountId, recipient))?.status, 'blocked');

  await server.close();
  closed = true;
  await assert.rejects(
    deliver(server.bounce.port, to, dsn({ recipient, ...HARD, id: 'w2' }), false),
    /ECONNREFUSED/,
  );
});

test('rebound serve without a bounce domain leaves the listener off', async (t) => {
  const dir = tempDir(t);
  const server = await startServer(
    loadConfig({ PORT: '0', HOST: '127.0.0.1', REBOUND_DB: join(dir, 'rebound.db'), LOG_LEVEL: 'silent' }),
  );
  t.after(() => server.close());
  assert.equal(server.bounce, undefined);
});

test('STARTTLS is offered with a certificate, and a report sent over TLS is stored', async (t) => {
  const dir = tempDir(t);
  const files = makeCertificate(dir);
  if (files === undefined) {
    t.skip(OPENSSL_MISSING);
    return;
  }
  const { certPath: cert, keyPath: key } = files;
  const service = new StoreReboundService(openSqliteStore(':memory:'));
  const { id: accountId } = await service.createAccount('crm');
  const quiet = {
    debug: () => undefined,
    info: () => undefined,
    warn: () => undefined,
    error: () => undefined,
  };
  const bounce = await startBounceServer(
    { ingestBounce: (account, raw) => service.ingestBounce(account, raw), log: quiet },
    {
      host: '127.0.0.1',
      port: 0,
      verp: { domain: DOMAIN, secrets: [NEW] },
      maxBytes: 1024 * 1024,
      tls: { cert: readFileSync(cert), key: readFileSync(key) },
      closeTimeoutMs: 2000,
    },
  );
  t.after(async () => {
    await bounce.close();
    await service.close();
  });
  const recipient = 'tls@example.org';
  const to = signVerp({ accountId, recipient }, { localPart: 'bounces', domain: DOMAIN, secret: NEW });
  assert.match(await deliver(bounce.port, to, dsn({ recipient, ...HARD, id: 't1' }), true), /^250 /);
  assert.equal((await service.getAddress(accountId, recipient))?.status, 'blocked');
});
