import { connect, isIP, type Socket } from 'node:net';
import { classifySmtpReply } from '../../classify/smtp-reply.js';
import type { ProbeCheck } from './types.js';

/**
 * Asks a mail host whether it would take mail for an address, without sending any: EHLO, MAIL FROM:<>,
 * RCPT TO, QUIT. The null sender (as for a bounce) commits us to nothing and gets no reply mail. Many
 * hosts accept every RCPT (catch-all) or refuse probes from unknown senders, so the answer is evidence
 * for the admin, never a decision by itself.
 */
export interface ProbeOptions {
  /** 25 in production; a test points it at a loopback server. */
  port: number;
  /** The name we give in EHLO: this host's public name, which receivers check. */
  heloName: string;
  /** The longest silence allowed from the server (connecting, each reply). */
  timeoutMs: number;
  /** A mail host's name to an address, through the configured DNS servers. */
  resolveHost(host: string): Promise<string | undefined>;
}

interface Reply {
  code: number;
  text: string;
}

/** A hostile server must not make us buffer without end: no real reply is this long. */
const MAX_REPLY_BYTES = 64 * 1024;

export async function probeRecipient(
  host: string,
  address: string,
  options: ProbeOptions,
): Promise<ProbeCheck> {
  const ip = isIP(host) !== 0 ? host : await options.resolveHost(host).catch(() => undefined);
  if (ip === undefined) return outcome(host, 'failed', null, `The mail host ${host} has no address.`);
  let session: Session | undefined;
  try {
    session = await Session.open(ip, options);
    const greeting = await session.reply();
    if (!ok(greeting)) return refused(host, greeting);
    let hello = await session.command(`EHLO ${options.heloName}`);
    if (hello.code >= 500) hello = await session.command(`HELO ${options.heloName}`);
    if (!ok(hello)) return refused(host, hello);
    const from = await session.command('MAIL FROM:<>');
    if (!ok(from)) return refused(host, from);
    const rcpt = await session.command(`RCPT TO:<${address}>`);
    await session.quit();
    if (ok(rcpt)) return outcome(host, 'accepted', rcpt.code, rcpt.text);
    return outcome(host, rcpt.code >= 500 ? 'rejected' : 'deferred', rcpt.code, rcpt.text);
  } catch (error) {
    return outcome(host, 'failed', null, (error as Error).message);
  } finally {
    session?.close();
  }
}

function ok(reply: Reply): boolean {
  return reply.code >= 200 && reply.code < 400;
}

/** The server would not talk to us before RCPT: nothing is learnt about the address. */
function refused(host: string, reply: Reply): ProbeCheck {
  return outcome(host, 'refused', reply.code, reply.text);
}

function outcome(
  host: string,
  result: Extract<ProbeCheck, { ran: true }>['outcome'],
  code: number | null,
  reply: string,
): ProbeCheck {
  const verdict = code !== null && code >= 400 ? classifySmtpReply(code, reply, 'RCPT') : undefined;
  return {
    ran: true,
    host,
    outcome: result,
    code,
    reply,
    reason: verdict?.reason ?? null,
    kind: verdict?.kind ?? null,
  };
}

/** One SMTP connection: commands out, multi-line replies (RFC 5321 4.2.1) in. */
class Session {
  private buffer = '';
  private lines: string[] = [];
  private waiting: { resolve: (r: Reply) => void; reject: (e: Error) => void } | undefined;
  private failure: Error | undefined;

  private constructor(private readonly socket: Socket) {
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => this.take(chunk));
    socket.on('error', (error) => this.fail(error));
    socket.on('close', () => this.fail(new Error('the server closed the connection')));
  }

  static open(ip: string, options: ProbeOptions): Promise<Session> {
    return new Promise((resolve, reject) => {
      const socket = connect({ host: ip, port: options.port });
      socket.setTimeout(options.timeoutMs, () =>
        socket.destroy(new Error(`no answer within ${options.timeoutMs} ms`)),
      );
      socket.once('error', reject);
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(new Session(socket));
      });
    });
  }

  async command(line: string): Promise<Reply> {
    this.socket.write(`${line}\r\n`);
    return this.reply();
  }

  reply(): Promise<Reply> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
      this.settle();
    });
  }

  async quit(): Promise<void> {
    this.socket.end('QUIT\r\n');
  }

  close(): void {
    this.socket.destroy();
  }

  private take(chunk: string): void {
    this.buffer += chunk;
    if (this.buffer.length > MAX_REPLY_BYTES) {
      this.socket.destroy(new Error('the server sent an over-long reply'));
      return;
    }
    let end: number;
    while ((end = this.buffer.indexOf('\n')) !== -1) {
      this.lines.push(this.buffer.slice(0, end).replace(/\r$/, ''));
      this.buffer = this.buffer.slice(end + 1);
    }
    this.settle();
  }

  /** A reply is complete at a line whose code is followed by a space (or nothing): "250 OK". */
  private settle(): void {
    if (this.waiting === undefined) return;
    const last = this.lines.findIndex((line) => line.length === 3 || line[3] === ' ');
    if (last === -1) {
      if (this.failure !== undefined) this.waiting.reject(this.failure);
      return;
    }
    const lines = this.lines.splice(0, last + 1);
    const code = Number((lines.at(-1) as string).slice(0, 3));
    const { resolve, reject } = this.waiting;
    this.waiting = undefined;
    if (!Number.isInteger(code) || code < 200 || code > 599) {
      reject(new Error(`not an SMTP reply: ${JSON.stringify(lines.at(-1)?.slice(0, 80))}`));
      return;
    }
    resolve({
      code,
      text: lines
        .map((line) => line.slice(4))
        .join(' ')
        .trim(),
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    this.settle();
  }
}
