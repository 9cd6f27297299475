/**
 * One pass over the open source folder: each message is read, handed to the service, and only then moved
 * out, so a message leaves the folder only once it is stored. Nothing is ever deleted.
 *
 * - stored -> the processed folder;
 * - not a bounce (the service finds no recipient in it, and keeps nothing) -> the processed folder too:
 *   it has been read, and nothing in it will ever change an address;
 * - unreadable (larger than the limit, the server cannot give its source, or the service refuses it for
 *   good) -> the failed folder, left for a person;
 * - the service fails (store down, a conflict) -> stays in the source folder and the pass ends: the next
 *   pass retries. A message stored but not moved (a crash in between) is a duplicate then, and moved.
 */
import type { ImapFlow } from 'imapflow';
import type { IngestResult } from '../../service/types.js';
import type { MailboxLog } from './mailbox-log.js';
import { ingestMessage, noSource, tooLarge, type MailboxOutcome } from './mailbox-outcome.js';

export interface DrainContext {
  client: ImapFlow;
  ingest(raw: Uint8Array): Promise<IngestResult>;
  processed: string[];
  failed: string[];
  maxBytes: number;
  log: MailboxLog;
  /** Checked between messages: a stop waits for the message in hand, not for the folder. */
  stopping(): boolean;
}

export interface DrainOutcome {
  processed: number;
  failed: number;
  /** The service failed: what is left stays for the next pass. */
  interrupted: boolean;
}

interface Listed {
  uid: number;
  size: number | undefined;
}

export async function drainFolder(ctx: DrainContext): Promise<DrainOutcome> {
  const outcome: DrainOutcome = { processed: 0, failed: 0, interrupted: false };
  for (const message of await listMessages(ctx.client)) {
    if (ctx.stopping()) break;
    const step = await handle(ctx, message);
    if (step === 'interrupted') {
      outcome.interrupted = true;
      break;
    }
    if (step !== 'gone') outcome[step] += 1;
  }
  return outcome;
}

/** UIDs first, then one message at a time: no command may run while a FETCH is being streamed. */
async function listMessages(client: ImapFlow): Promise<Listed[]> {
  if (client.mailbox === false || client.mailbox.exists === 0) return [];
  const listed: Listed[] = [];
  for await (const message of client.fetch('1:*', { uid: true, size: true })) {
    listed.push({ uid: message.uid, size: message.size });
  }
  return listed.sort((a, b) => a.uid - b.uid);
}

async function handle(
  ctx: DrainContext,
  { uid, size }: Listed,
): Promise<'processed' | 'failed' | 'gone' | 'interrupted'> {
  const outcome = await read(ctx, uid, size);
  if (outcome === 'gone') return 'gone';
  if (outcome.step === 'retry') {
    ctx.log.error(
      { uid, err: outcome.error },
      'mailbox: storing the message failed; it stays in the folder and is retried on the next pass',
    );
    return 'interrupted';
  }
  const folder = outcome.step === 'processed' ? ctx.processed : ctx.failed;
  return moveTo(ctx, uid, folder, outcome.step, outcome.details, outcome.what);
}

async function read(
  ctx: DrainContext,
  uid: number,
  size: number | undefined,
): Promise<MailboxOutcome | 'gone'> {
  if (size !== undefined && size > ctx.maxBytes) return tooLarge(size, ctx.maxBytes);
  const message = await ctx.client.fetchOne(String(uid), { source: true }, { uid: true });
  // Another client (a person, a second Rebound) moved it away since the listing: nothing to do.
  if (message === false) return 'gone';
  if (message.source === undefined) return noSource();
  return ingestMessage(ctx.ingest, message.source);
}

async function moveTo<T extends 'processed' | 'failed'>(
  ctx: DrainContext,
  uid: number,
  folder: string[],
  step: T,
  details: object,
  what: string,
): Promise<T | 'interrupted'> {
  const moved = await ctx.client.messageMove(String(uid), folder, { uid: true });
  const to = folder.join('/');
  if (moved === false) {
    ctx.log.error(
      { uid, to, ...details },
      `mailbox: ${what}, but the server refused the move; retried next pass`,
    );
    return 'interrupted';
  }
  const level = step === 'failed' ? 'warn' : 'info';
  ctx.log[level]({ uid, to, ...details }, `mailbox: ${what}, moved to ${to}`);
  return step;
}
