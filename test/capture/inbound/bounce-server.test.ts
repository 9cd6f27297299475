/**
 * The inbound bounce server on 127.0.0.1, a real client (nodemailer, or a bare socket for what nodemailer
 * will not do), the real service on SQLite. Nothing of ours is replaced.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Database from 'better-sqlite3';
import nodemailer from 'nodemailer';
import {
  startBounceServer,
  type BounceServer,
  type InboundLog,
} from '../../../src/capture/inbound/bounce-server.js';
import { signVerp } from '../../../src/capture/verp.js';
import { StoreReboundService } from '../../../src/service/rebound-service.js';
import { openSqliteStore } from '../../../src/store/sqlite/sqlite-store.js';
import { complaint, dsn, HARD, NOT_A_BOUNCE } from '../../support/http-mails.js';
import { talk } from './smtp-talk.js';

const DOMAIN = 'bounce.example.net';
const SECRET = 'test-secret-0123456789abcdef';

interface Logged {
  level: keyof InboundLog;
  message: string;
  data: object;
}

interface Running {
  service: StoreReboundService;
  accountId: string;
  bounce: BounceServer;
  logs: Logged[];
  /** Per stored report: whether the server handed its verdicts over ('server') or left it to the service. */
  classifiedBy: string[];
  verp(recipient: string): string;
  send(to: string, raw: string | Buffer): Promise<string>;
  bounceCount(): Promise<number>;
  status(address: string): Promise<string | undefined>;
}

async function start(
  t: TestContext,
  options: { file?: string; maxBytes?: number; tls?: { cert: Buffer; key: Buffer } } = {},
): Promise<Running> {
  const service = new StoreReboundService(openSqliteStore(options.file ?? ':memory:'));
  const { id: accountId } = await service.createAccount('crm');
  const logs: Logged[] = [];
  const classifiedBy: string[] = [];
  const at = (level: keyof InboundLog) => (data: object, message: string) =>
    void logs.push({ level, message, data });
  const bounce = await startBounceServer(
    {
      ingestBounce: (account, raw, verdicts) => {
        classifiedBy.push(verdicts === undefined ? 'service' : 'server');
        return service.ingestBounce(account, raw, verdicts);
      },
      log: { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') },
    },
    {
      host: '127.0.0.1',
      port: 0,
      verp: { domain: DOMAIN, secrets: [SECRET] },
      maxBytes: options.maxBytes ?? 1024 * 1024,
      tls: options.tls,
      closeTimeoutMs: 2000,
    },
  );
  t.after(async () => {
    await bounce.close();
    await service.close();
  });
  return {
    service,
    accountId,
    bounce,
    logs,
    classifiedBy,
    verp: (recipient) =>
      signVerp({ accountId, recipient }, { localPart: 'bounces', domain: DOMAIN, secret: SECRET }),
    send: (to, raw) => sendMail(bounce.port, to, raw),
    bounceCount: async () => (await service.listBounces(accountId, {}, { limit: 100 })).items.length,
    status: async (address) => (await service.getAddress(accountId, address))?.status,
  };
}

/** As an MTA sends a DSN: null sender, one recipient, the report as it is. Resolves with the 250 line. */
async function sendMail(port: number, to: string, raw: string | Buffer, tls = false): Promise<string> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: !tls,
    requireTLS: tls,
    tls: { rejectUnauthorized: false },
  });
  try {
    const info = await transport.sendMail({ envelope: { from: '', to: [to] }, raw });
    return info.response;
  } finally {
    transport.close();
  }
}

async function refusal(
  promise: Promise<unknown>,
): Promise<{ responseCode: number; response: string; command: string }> {
  const error = await promise.then(
    () => assert.fail('expected the mail to be refused'),
    (e: unknown) => e,
  );
  return error as { responseCode: number; response: string; command: string };
}

test('a DSN to a valid VERP address is stored before 250 and blocks the recipient', async (t) => {
  const rb = await start(t);
  const recipient = 'gone@example.org';
  const reply = await rb.send(rb.verp(recipient), dsn({ recipient, ...HARD, id: 'd1' }));
  assert.match(reply, /^250 2\.6\.0 Stored as \S+/);
  assert.equal(await rb.status(recipient), 'blocked');
  assert.equal(await rb.bounceCount(), 1);
  const again = await rb.send(rb.verp(recipient), dsn({ recipient, ...HARD, id: 'd1' }));
  assert.match(again, /^250 2\.6\.0 Already stored as /);
  assert.equal(await rb.bounceCount(), 1);
});

test('the report is classified once: the server hands its verdicts to the service', async (t) => {
  const rb = await start(t);
  await rb.send(rb.verp('once@example.org'), dsn({ recipient: 'once@example.org', ...HARD, id: 'o1' }));
  assert.deepEqual(rb.classifiedBy, ['server']);
  assert.equal(await rb.status('once@example.org'), 'blocked');
});

test('an upper-cased VERP address (an MTA that folds case) is accepted', async (t) => {
  const rb = await start(t);
  const recipient = 'Folded@Example.org';
  await rb.send(rb.verp(recipient).toUpperCase(), dsn({ recipient, ...HARD, id: 'c1' }));
  assert.equal(await rb.status('folded@example.org'), 'blocked');
});

test('an ARF complaint to the VERP address is recorded as a complaint', async (t) => {
  const rb = await start(t);
  const recipient = 'angry@example.org';
  const reply = await rb.send(rb.verp(recipient), complaint(recipient, 'f1'));
  assert.match(reply, /^250 /);
  const detail = await rb.service.getAddress(rb.accountId, recipient);
  assert.ok(
    detail?.history.some((entry) => entry.type === 'complained'),
    'a complained event',
  );
});

test('a forged, foreign or non-VERP recipient is refused at RCPT with 550 5.1.1 and nothing is stored', async (t) => {
  const rb = await start(t);
  const genuine = rb.verp('victim@example.org');
  const at = genuine.indexOf('@');
  const flipped = genuine[at - 1] === 'a' ? 'b' : 'a';
  const forged = genuine.slice(0, at - 1) + flipped + genuine.slice(at);
  const otherSecret = signVerp(
    { accountId: rb.accountId, recipient: 'victim@example.org' },
    { localPart: 'bounces', domain: DOMAIN, secret: 'an-attacker-guessed-this-one' },
  );
  for (const to of [
    forged,
    otherSecret,
    `postmaster@${DOMAIN}`,
    genuine.replace(DOMAIN, 'elsewhere.example'),
  ]) {
    const error = await refusal(rb.send(to, dsn({ recipient: 'victim@example.org', ...HARD, id: to })));
    assert.equal(error.command, 'RCPT TO', to);
    assert.match(error.response, /^550 5\.1\.1 No such bounce address/, to);
  }
  assert.equal(await rb.bounceCount(), 0);
  assert.equal(await rb.status('victim@example.org'), undefined);
});

test("a report about someone else than the token's recipient is refused and changes nothing", async (t) => {
  const rb = await start(t);
  // The attacker received a mail from us, so knows its return path, and reports a victim as unknown.
  const error = await refusal(
    rb.send(rb.verp('attacker@example.org'), dsn({ recipient: 'victim@example.org', ...HARD, id: 'x1' })),
  );
  assert.equal(error.responseCode, 550);
  assert.match(error.response, /not issued for/);
  assert.equal(await rb.bounceCount(), 0);
  assert.equal(await rb.status('victim@example.org'), undefined);
  assert.ok(rb.logs.some((l) => l.level === 'warn' && JSON.stringify(l.data).includes('victim@example.org')));
});

test('a mail that is not a bounce is refused with 554 5.6.0', async (t) => {
  const rb = await start(t);
  const error = await refusal(rb.send(rb.verp('someone@example.org'), NOT_A_BOUNCE));
  assert.match(error.response, /^554 5\.6\.0 /);
  assert.equal(await rb.bounceCount(), 0);
});

test('a mail over the size limit gets 552, announced in SIZE or found in DATA, and is not stored', async (t) => {
  const rb = await start(t, { maxBytes: 4096 });
  const recipient = 'big@example.org';
  const big = dsn({ recipient, ...HARD, id: 'b1' }).replace(
    '--B--',
    `--B\r\nContent-Type: text/plain\r\n\r\n${'x'.repeat(8000)}\r\n--B--`,
  );
  const smtp = await talk(rb.bounce.port);
  t.after(() => smtp.destroy());
  assert.match(await smtp.command('EHLO client.example'), /SIZE 4096/);
  assert.match(await smtp.command('MAIL FROM:<> SIZE=10000'), /^552 5\.3\.4 /);
  assert.match(await smtp.command('MAIL FROM:<>'), /^250 /);
  assert.match(await smtp.command(`RCPT TO:<${rb.verp(recipient)}>`), /^250 /);
  assert.match(await smtp.command('DATA'), /^354 /);
  smtp.write(`${big}\r\n.\r\n`);
  assert.match(await smtp.reply(), /^552 5\.3\.4 /);
  await smtp.quit();
  assert.equal(await rb.bounceCount(), 0);
  assert.equal(await rb.status(recipient), undefined);
});

test('a second recipient in one transaction gets 452 4.5.3: one report, one return path', async (t) => {
  const rb = await start(t);
  const smtp = await talk(rb.bounce.port);
  t.after(() => smtp.destroy());
  await smtp.command('EHLO client.example');
  await smtp.command('MAIL FROM:<>');
  assert.match(await smtp.command(`RCPT TO:<${rb.verp('one@example.org')}>`), /^250 /);
  assert.match(await smtp.command(`RCPT TO:<${rb.verp('two@example.org')}>`), /^452 4\.5\.3 /);
  await smtp.quit();
});

test('no AUTH and no STARTTLS are offered without a certificate', async (t) => {
  const rb = await start(t);
  const smtp = await talk(rb.bounce.port);
  t.after(() => smtp.destroy());
  const ehlo = await smtp.command('EHLO client.example');
  assert.doesNotMatch(ehlo, /STARTTLS|AUTH/);
  await smtp.quit();
});

test('a connection dropped in the middle of DATA stores nothing', async (t) => {
  const rb = await start(t);
  const recipient = 'cut@example.org';
  const report = dsn({ recipient, ...HARD, id: 'cut1' });
  const smtp = await talk(rb.bounce.port);
  await smtp.command('EHLO client.example');
  await smtp.command('MAIL FROM:<>');
  await smtp.command(`RCPT TO:<${rb.verp(recipient)}>`);
  assert.match(await smtp.command('DATA'), /^354 /);
  smtp.write(report.slice(0, Math.floor(report.length * 0.9)));
  await new Promise((resolve) => setTimeout(resolve, 50));
  smtp.destroy();
  // close() returns once every session has ended and every report in flight is settled.
  await rb.bounce.close();
  assert.equal(await rb.bounceCount(), 0);
  assert.equal(await rb.status(recipient), undefined);
});

test('a store failure answers 451, leaves nothing half-stored, and the retry is stored once', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-inbound-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'rebound.db');
  const rb = await start(t, { file });
  // A second connection makes the events insert fail inside the service's transaction, after the
  // bounce row was written: the transaction must take that row back with it.
  const outside = new Database(file);
  t.after(() => outside.close());
  outside.exec(
    "CREATE TRIGGER fail_events BEFORE INSERT ON events BEGIN SELECT RAISE(ABORT, 'disk trouble'); END",
  );
  const recipient = 'later@example.org';
  const report = dsn({ recipient, ...HARD, id: 'r1' });
  const error = await refusal(rb.send(rb.verp(recipient), report));
  assert.match(error.response, /^451 4\.3\.0 /);
  assert.equal(await rb.bounceCount(), 0);
  assert.equal(await rb.status(recipient), undefined);
  assert.ok(rb.logs.some((l) => l.level === 'error'));

  outside.exec('DROP TRIGGER fail_events');
  assert.match(await rb.send(rb.verp(recipient), report), /^250 /);
  assert.equal(await rb.bounceCount(), 1);
  assert.equal(await rb.status(recipient), 'blocked');
});
