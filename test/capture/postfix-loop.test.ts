/**
 * A real MTA in the loop: Rebound relays to a private Postfix, Postfix relays to a scripted remote server
 * that answers with real-world refusals, and Postfix's own DSNs travel back through the signed VERP
 * return path to Rebound's inbound bounce port. Nothing of ours is replaced; only the remote is scripted.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { classify } from '../../src/classify/classify.js';
import { loadConfig } from '../../src/config.js';
import { openLocal, type Local } from '../../src/local.js';
import { startServer } from '../../src/server.js';
import type { AddressDetail } from '../../src/service/types.js';
import { freePort, postfixMissing, startPostfix, type Postfix } from '../support/postfix.js';

const BOUNCE_DOMAIN = 'bounce.test';
const REMOTE_DOMAIN = 'remote.test';
/**
 * Postfix answers a 5xx within a second; the greylisted mail waits for one retry (3-6 s). But when the
 * queue manager rescans a queue file a delivery agent still holds, it logs "skipped, still being
 * delivered" and puts the file back with a 60-second delay (qmgr_active_defer): seen in CI. The test
 * Postfix retries after 3 s to avoid that, and the wait outlasts the delay should it happen anyway.
 */
const SETTLE_MS = 80_000;

interface Reply {
  code: number;
  text: string;
}

/** What the remote answers, by recipient local part: replies as real servers word them. */
const AT_RCPT: Record<string, Reply> = {
  unknown: {
    code: 550,
    text: `5.1.1 <unknown@${REMOTE_DOMAIN}>: Recipient address rejected: User unknown in virtual mailbox table`,
  },
  full: { code: 552, text: `5.2.2 <full@${REMOTE_DOMAIN}>: Recipient address rejected: Mailbox full` },
  listed: {
    code: 554,
    text: '5.7.1 Service unavailable; Client host [127.0.0.1] blocked using zen.spamhaus.org; https://www.spamhaus.org/query/ip/127.0.0.1',
  },
};
const GREYLISTED: Reply = {
  code: 450,
  text: `4.7.1 <grey@${REMOTE_DOMAIN}>: Recipient address rejected: Greylisted, see http://postgrey.schweikert.ch/help/${REMOTE_DOMAIN}.html`,
};
const TOO_BIG_AT_DATA: Reply = { code: 552, text: '5.3.4 Message size exceeds fixed maximum message size' };
const SCENARIOS = ['unknown', 'full', 'listed', 'big', 'grey'] as const;

interface Remote {
  port: number;
  /** RCPT attempts per local part. */
  attempts: Map<string, number>;
  /** Accepted transactions: local part -> envelope sender. */
  delivered: Map<string, string>;
  close(): Promise<void>;
}

function refusal(reply: Reply): Error {
  return Object.assign(new Error(reply.text), { responseCode: reply.code });
}

/** The scripted remote: refuses per local part, greylists 'grey' once, refuses 'big' after DATA. */
async function startRemote(): Promise<Remote> {
  const attempts = new Map<string, number>();
  const delivered = new Map<string, string>();
  const localPart = (address: string): string => address.split('@')[0]?.toLowerCase() ?? '';
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // Postfix caches its connections for a while; the test's stop should not wait for them.
    closeTimeout: 100,
    onRcptTo: (address, _session, callback) => {
      const local = localPart(address.address);
      const attempt = (attempts.get(local) ?? 0) + 1;
      attempts.set(local, attempt);
      const reply = local === 'grey' && attempt === 1 ? GREYLISTED : AT_RCPT[local];
      callback(reply === undefined ? undefined : refusal(reply));
    },
    onData: (stream, session, callback) => {
      stream.resume();
      stream.on('end', () => {
        const local = localPart(session.envelope.rcptTo[0]?.address ?? '');
        if (local === 'big') return callback(refusal(TOO_BIG_AT_DATA));
        const from = session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address;
        delivered.set(local, from);
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  return {
    port: (server.server.address() as AddressInfo).port,
    attempts,
    delivered,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function sendThroughRelay(port: number, key: string, to: string): Promise<void> {
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    auth: { user: 'crm', pass: key },
  });
  try {
    await transport.sendMail({ from: 'news@crm.example', to, subject: `Hello ${to}`, text: 'Hi' });
  } finally {
    transport.close();
  }
}

const recipient = (local: string): string => `${local}@${REMOTE_DOMAIN}`;
const bounced = (detail: AddressDetail | undefined) => detail?.history.find((e) => e.type === 'bounced');

/** Every refused mail has its DSN stored, and the greylisted one got through on a retry. */
async function settled(local: Local, remote: Remote): Promise<boolean> {
  if (!remote.delivered.has('grey')) return false;
  for (const name of ['unknown', 'full', 'listed', 'big']) {
    if (bounced(await local.service.getAddress(local.accountId, recipient(name))) === undefined) return false;
  }
  return true;
}

async function waitSettled(local: Local, remote: Remote, postfix: Postfix): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  while (!(await settled(local, remote))) {
    if (Date.now() > deadline) {
      const states = await Promise.all(
        SCENARIOS.map(async (name) => {
          const detail = await local.service.getAddress(local.accountId, recipient(name));
          return `${name}: ${detail?.status ?? 'unknown'} [${detail?.history.map((e) => e.type).join(',')}]`;
        }),
      );
      const attempts = JSON.stringify([...remote.attempts]);
      throw new Error(
        `the DSNs did not come back within ${SETTLE_MS} ms\n${states.join('\n')}\nremote RCPT attempts: ${attempts}\npostfix log:\n${postfix.log()}`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

async function waitFor(done: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + SETTLE_MS;
  while (!done()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

type Cleanup = () => Promise<void>;

/** Remote, Rebound, Postfix between them, in the order each needs the other's port; cleanups pushed. */
async function startLoop(cleanups: Cleanup[]) {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-postfix-loop-'));
  cleanups.push(async () => rmSync(dir, { recursive: true, force: true }));
  const remote = await startRemote();
  cleanups.push(remote.close);
  const postfixPort = await freePort();
  const config = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    REBOUND_DB: join(dir, 'rebound.db'),
    REBOUND_SPOOL: join(dir, 'spool'),
    REBOUND_BOUNCE_DOMAIN: BOUNCE_DOMAIN,
    REBOUND_VERP_SECRET: 'postfix-loop-secret-0123456789',
    REBOUND_BOUNCE_PORT: '0',
    REBOUND_SMTP_PORT: '0',
    REBOUND_UPSTREAM: `smtp://127.0.0.1:${postfixPort}`,
  });
  const server = await startServer(config);
  cleanups.push(server.close);
  assert.ok(server.bounce !== undefined && server.relay !== undefined, 'relay and bounce port are on');
  assert.ok(server.createdAdminKey !== undefined, 'the first start makes an admin key');
  const postfix = await startPostfix(postfixPort, {
    relayPort: remote.port,
    bounceDomain: BOUNCE_DOMAIN,
    bouncePort: server.bounce.port,
  });
  cleanups.push(postfix.remove);
  const local = await openLocal(config.store);
  cleanups.push(local.close);
  return { key: server.createdAdminKey, relayPort: server.relay.port, postfix, remote, local };
}

test(
  'Postfix in the loop: its DSNs come back through the VERP address and set each address state',
  {
    timeout: 120_000,
  },
  async (t) => {
    const missing = postfixMissing();
    if (missing !== undefined) {
      t.skip(missing);
      return;
    }
    const cleanups: Cleanup[] = [];
    t.after(async () => {
      for (const cleanup of cleanups.reverse()) await cleanup();
    });
    const { key, relayPort, postfix, remote, local } = await startLoop(cleanups);

    // The greylisted mail first, and past Rebound's relay (Postfix has it, the remote saw it once)
    // before the Spamhaus refusal opens an incident: that incident rightly holds whatever mail to
    // the domain is still in Rebound's spool, and a loaded machine could leave 'grey' there.
    await sendThroughRelay(relayPort, key, recipient('grey'));
    await waitFor(() => (remote.attempts.get('grey') ?? 0) >= 1, 'the remote saw the greylisted mail');
    for (const name of SCENARIOS.filter((each) => each !== 'grey')) {
      await sendThroughRelay(relayPort, key, recipient(name));
    }
    await waitSettled(local, remote, postfix);

    const address = async (name: string): Promise<AddressDetail> => {
      const detail = await local.service.getAddress(local.accountId, recipient(name));
      assert.ok(detail !== undefined, `${name} is known`);
      return detail;
    };
    const unknown = await address('unknown');
    assert.equal(unknown.status, 'blocked');
    assert.equal(unknown.reason, 'userunknown');
    const full = await address('full');
    assert.equal(full.status, 'soft');
    assert.equal(full.reason, 'mailboxfull');
    const big = await address('big');
    assert.equal(big.status, 'soft');
    assert.equal(big.reason, 'mesgtoobig');

    // A blocklisted sending IP is the sender's problem: the address stays usable.
    const listed = await address('listed');
    assert.equal(listed.status, 'active');
    const listedBounce = bounced(listed);
    assert.equal(listedBounce?.kind, 'sender');
    assert.ok(listedBounce.bounceId !== null, 'the DSN is stored');
    const raw = await local.service.getBounceRaw(local.accountId, listedBounce.bounceId);
    assert.ok(raw !== undefined);
    const verdict = classify(raw).find((v) => v.recipient === recipient('listed'));
    assert.equal(verdict?.blocklist, 'Spamhaus');

    // Greylisting delays, Postfix retries, the remote accepts: nothing bounces.
    const grey = await address('grey');
    assert.equal(grey.status, 'active');
    assert.equal(bounced(grey), undefined);
    assert.ok((remote.attempts.get('grey') ?? 0) >= 2, 'postfix retried the greylisted mail');
    assert.match(
      remote.delivered.get('grey') ?? '',
      /@bounce\.test$/,
      'the VERP return path reached the remote',
    );

    // Each DSN was Postfix's own, read as such.
    const bounces = await local.service.listBounces(local.accountId, {}, { limit: 10 });
    assert.deepEqual(
      bounces.items.map((b) => [b.recipient, b.decoder]).sort(),
      ['big', 'full', 'listed', 'unknown'].map((name) => [recipient(name), 'postfix']),
    );
  },
);
