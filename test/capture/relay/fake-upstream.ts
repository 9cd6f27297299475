/**
 * A fake upstream MTA made with smtp-server: records every transaction it accepts, and can be told to
 * answer a recipient's RCPT with a given reply, for a number of times or for good.
 */
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface Received {
  from: string;
  to: string[];
  raw: string;
}

export interface Refusal {
  code: number;
  text: string;
  /** How many RCPTs get this answer before the address is accepted; Infinity: always. */
  times: number;
}

export interface FakeUpstream {
  port: number;
  url: string;
  received: Received[];
  rcptAttempts: Map<string, number>;
  refuse(address: string, refusal: Refusal): void;
  close(): Promise<void>;
}

export async function startFakeUpstream(port = 0): Promise<FakeUpstream> {
  const received: Received[] = [];
  const rcptAttempts = new Map<string, number>();
  const refusals = new Map<string, Refusal>();
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    // The relay's pool keeps idle connections open; a test's stop should not wait for them.
    closeTimeout: 100,
    onRcptTo: (address, _session, callback) => {
      const rcpt = address.address.toLowerCase();
      rcptAttempts.set(rcpt, (rcptAttempts.get(rcpt) ?? 0) + 1);
      const refusal = refusals.get(rcpt);
      if (refusal === undefined || refusal.times <= 0) return callback();
      refusal.times -= 1;
      callback(Object.assign(new Error(refusal.text), { responseCode: refusal.code }));
    },
    onData: (stream, session, callback) => {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom === false ? '' : session.envelope.mailFrom.address,
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const actual = (server.server.address() as AddressInfo).port;
  return {
    port: actual,
    url: `smtp://127.0.0.1:${actual}`,
    received,
    rcptAttempts,
    refuse: (address, refusal) => void refusals.set(address.toLowerCase(), { ...refusal }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** A port nothing listens on (taken and released at once): an upstream that is down. */
export async function deadPort(): Promise<number> {
  const probe = await startFakeUpstream();
  await probe.close();
  return probe.port;
}
