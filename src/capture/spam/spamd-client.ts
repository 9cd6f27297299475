/**
 * A small client for SpamAssassin's spamd (the SPAMC/1.5 protocol over TCP): one REPORT request per
 * message, answering the score and the rules that fired, each with its points and description. Our own
 * because the npm clients are unmaintained; the protocol is a header block and the message.
 */
import { connect } from 'node:net';
import { parseReport, type SpamRule } from './spamd-report.js';

export interface SpamdAddress {
  host: string;
  port: number;
}

export interface SpamScore {
  score: number;
  /** spamd's own threshold (its `required_score`); Rebound decides with the account's. */
  spamdThreshold: number;
  rules: SpamRule[];
}

export interface SpamdOptions {
  timeoutMs: number;
  /** Larger messages are not scored (as spamc does): scoring megabytes of attachments says little. */
  maxBytes: number;
}

export const DEFAULT_SPAMD_OPTIONS: SpamdOptions = { timeoutMs: 10_000, maxBytes: 512 * 1024 };

/** The spamd status line, the `Spam:` header and the body are all the reply has. */
const MAX_REPLY_BYTES = 256 * 1024;

export class SpamdError extends Error {
  override readonly name = 'SpamdError';
}

export function scoreWithSpamd(
  address: SpamdAddress,
  raw: Buffer,
  options: SpamdOptions = DEFAULT_SPAMD_OPTIONS,
): Promise<SpamScore> {
  return new Promise((resolve, reject) => {
    const socket = connect(address);
    const chunks: Buffer[] = [];
    let size = 0;
    const fail = (message: string) => {
      socket.destroy();
      reject(new SpamdError(`spamd at ${address.host}:${address.port}: ${message}`));
    };
    socket.setTimeout(options.timeoutMs, () => fail(`no answer within ${options.timeoutMs} ms`));
    socket.once('error', (error) => fail(error.message));
    socket.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REPLY_BYTES) return fail('the reply is too large');
      chunks.push(chunk);
    });
    socket.once('end', () => {
      try {
        resolve(parseReply(Buffer.concat(chunks).toString('utf8')));
      } catch (error) {
        fail((error as Error).message);
      }
    });
    socket.once('connect', () => {
      const head = `REPORT SPAMC/1.5\r\nContent-length: ${raw.length}\r\nUser: rebound\r\n\r\n`;
      socket.write(head);
      socket.end(raw);
    });
  });
}

function parseReply(reply: string): SpamScore {
  const split = reply.indexOf('\r\n\r\n');
  const head = (split < 0 ? reply : reply.slice(0, split)).split('\r\n');
  const body = split < 0 ? '' : reply.slice(split + 4);
  const status = /^SPAMD\/\d+\.\d+ (\d+) (\S+)/.exec(head[0] ?? '');
  if (status === null) throw new Error(`not a spamd reply: ${JSON.stringify((head[0] ?? '').slice(0, 80))}`);
  if (status[1] !== '0') throw new Error(`spamd answered ${status[1]} ${status[2]}`);
  const spam = head.find((line) => line.toLowerCase().startsWith('spam:'));
  // "Spam: True ; 15.0 / 5.0"
  const [score, threshold] = (spam?.split(';')[1] ?? '').split('/').map((n) => Number(n.trim()));
  if (
    score === undefined ||
    threshold === undefined ||
    !Number.isFinite(score) ||
    !Number.isFinite(threshold)
  ) {
    throw new Error('the reply has no "Spam: ... ; score / threshold" header');
  }
  return { score, spamdThreshold: threshold, rules: parseReport(body) };
}
