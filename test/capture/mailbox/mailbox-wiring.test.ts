/**
 * The mailbox as `rebound serve` runs it: settings from the environment, started and stopped with the
 * HTTP API, against a real Dovecot on 127.0.0.1.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test, type TestContext } from 'node:test';
import { ImapFlow } from 'imapflow';
import { ConfigError, loadConfig } from '../../../src/config.js';
import { openLocal } from '../../../src/local.js';
import { startServer } from '../../../src/server.js';
import { dovecotMissing, startDovecot, type Dovecot } from '../../support/dovecot.js';
import { dsn, HARD } from '../../support/http-mails.js';

const missing = dovecotMissing();
let dovecot: Dovecot | undefined;

before(async () => {
  if (missing === undefined) dovecot = await startDovecot();
});
after(async () => {
  await dovecot?.remove();
});

function tempDb(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-mailbox-wiring-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return join(dir, 'rebound.db');
}

async function messages(client: ImapFlow, path: string | string[]): Promise<number> {
  const status = await client.status(path, { messages: true }).catch(() => false as const);
  return status === false ? -1 : (status.messages ?? -1);
}

test('serve reads the mailbox: the bounce is stored and moved to Rebound/Processed', async (t) => {
  if (dovecot === undefined) return t.skip(missing);
  const file = tempDb(t);
  const client = new ImapFlow({
    host: dovecot.host,
    port: dovecot.port,
    secure: false,
    auth: { user: dovecot.user, pass: dovecot.password },
    logger: false,
  });
  client.on('error', () => undefined);
  await client.connect();
  t.after(() => client.logout().catch(() => client.close()));
  await client.append('INBOX', dsn({ recipient: 'served@example.org', ...HARD, id: 'w1' }));

  const server = await startServer(
    loadConfig({
      PORT: '0',
      REBOUND_DB: file,
      LOG_LEVEL: 'silent',
      REBOUND_IMAP_URL: dovecot.url,
      REBOUND_IMAP_INTERVAL: '1',
    }),
  );
  // Closed on failure too: a server left running would keep the test file from ever ending.
  let closed = false;
  t.after(() => (closed ? undefined : server.close()));
  // Dovecot's MOVE copies, then expunges: another session may see the mail in both folders for a moment.
  const deadline = Date.now() + 10_000;
  while (
    (await messages(client, ['Rebound', 'Processed'])) !== 1 ||
    (await messages(client, 'INBOX')) !== 0
  ) {
    assert.ok(Date.now() < deadline, 'the bounce left INBOX for Rebound/Processed in time');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  assert.equal(await messages(client, ['Rebound', 'Failed']), 0, 'the failed folder was made too');
  await server.close();
  closed = true;

  const local = await openLocal({ kind: 'sqlite', path: file });
  t.after(() => local.close());
  const address = await local.service.getAddress(local.accountId, 'served@example.org');
  assert.equal(address?.status, 'blocked');
});

test('an unknown REBOUND_IMAP_ACCOUNT stops the start with a clear error', async (t) => {
  if (dovecot === undefined) return t.skip(missing);
  const config = loadConfig({
    PORT: '0',
    REBOUND_DB: tempDb(t),
    LOG_LEVEL: 'silent',
    REBOUND_IMAP_URL: dovecot.url,
    REBOUND_IMAP_ACCOUNT: 'no-such-account',
  });
  await assert.rejects(
    startServer(config),
    (error: unknown) => error instanceof ConfigError && /REBOUND_IMAP_ACCOUNT/.test(error.message),
  );
});
