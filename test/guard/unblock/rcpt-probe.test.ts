import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { SMTPServer } from 'smtp-server';
import { probeRecipient, type ProbeOptions } from '../../../src/guard/unblock/rcpt-probe.js';

/** A real SMTP server on loopback that knows one mailbox and records what it was told. */
async function mailHost(options: { refuseConnection?: boolean } = {}) {
  const seen: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onConnect(_session, callback) {
      if (options.refuseConnection) {
        const error = Object.assign(new Error('5.7.1 Client host blocked using zen.spamhaus.org'), {
          responseCode: 554,
        });
        callback(error);
        return;
      }
      callback();
    },
    onMailFrom(address, _session, callback) {
      seen.push(`MAIL ${address.address}`);
      callback();
    },
    onRcptTo(address, _session, callback) {
      seen.push(`RCPT ${address.address}`);
      if (address.address === 'ann@example.test') callback();
      else if (address.address === 'later@example.test')
        callback(Object.assign(new Error('4.2.1 Mailbox busy, try later'), { responseCode: 450 }));
      else
        callback(
          Object.assign(new Error('5.1.1 <nobody@example.test>: user unknown'), { responseCode: 550 }),
        );
    },
    onData(stream, _session, callback) {
      seen.push('DATA');
      stream.resume();
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return { seen, port, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

const options = (port: number): ProbeOptions => ({
  port,
  heloName: 'rebound.test',
  timeoutMs: 2000,
  resolveHost: async (host) => (host === 'mx.example.test' ? '127.0.0.1' : undefined),
});

describe('the RCPT probe against a loopback SMTP server', () => {
  let host: Awaited<ReturnType<typeof mailHost>>;
  before(async () => {
    host = await mailHost();
  });
  after(() => host.close());

  it('asks with the null sender and sends no message', async () => {
    const result = await probeRecipient('mx.example.test', 'ann@example.test', options(host.port));
    assert.deepEqual(result, {
      ran: true,
      host: 'mx.example.test',
      outcome: 'accepted',
      code: 250,
      reply: result.ran ? result.reply : '',
      reason: null,
      kind: null,
    });
    assert.deepEqual(host.seen, ['MAIL ', 'RCPT ann@example.test']);
  });

  it("reports the server's refusal of the recipient, classified", async () => {
    const result = await probeRecipient('mx.example.test', 'nobody@example.test', options(host.port));
    assert.ok(result.ran);
    assert.equal(result.outcome, 'rejected');
    assert.equal(result.code, 550);
    assert.match(result.reply, /user unknown/);
    assert.equal(result.reason, 'userunknown');
    assert.equal(result.kind, 'hard');
    assert.ok(!host.seen.includes('DATA'));
  });

  it('a 4xx at RCPT is a deferral', async () => {
    const result = await probeRecipient('mx.example.test', 'later@example.test', options(host.port));
    assert.ok(result.ran);
    assert.equal(result.outcome, 'deferred');
    assert.equal(result.code, 450);
  });

  it('a host that refuses us says nothing about the recipient', async () => {
    const hostile = await mailHost({ refuseConnection: true });
    try {
      const result = await probeRecipient('mx.example.test', 'ann@example.test', options(hostile.port));
      assert.ok(result.ran);
      assert.equal(result.outcome, 'refused');
      assert.equal(result.code, 554);
      assert.equal(result.kind, 'sender');
      assert.deepEqual(hostile.seen, []);
    } finally {
      await hostile.close();
    }
  });

  it('an unreachable host or one without an address fails cleanly', async () => {
    const closed = await probeRecipient('127.0.0.1', 'ann@example.test', { ...options(1), timeoutMs: 500 });
    assert.ok(closed.ran);
    assert.equal(closed.outcome, 'failed');
    assert.match(closed.reply, /ECONNREFUSED/);
    const nameless = await probeRecipient('nowhere.test', 'ann@example.test', options(host.port));
    assert.ok(nameless.ran);
    assert.equal(nameless.outcome, 'failed');
    assert.equal(nameless.reply, 'The mail host nowhere.test has no address.');
  });
});
