/**
 * One pass over a POP3 mailbox. POP3 has no folders: "processed" means deleted from the server. Each
 * message is read and handed to the service, and marked deleted (DELE) only once it is stored, or read
 * and found not to be a bounce; the server removes what is marked only when the session ends with QUIT.
 *
 * - failed (too large, empty, refused for good) -> left on the server for a person, and not read again by
 *   this process (remembered by its UIDL);
 * - the service fails (store down, a conflict) -> left on the server, and the pass ends: the next pass
 *   retries. A session that drops before QUIT deletes nothing: the next pass reads those messages again
 *   and storing is idempotent on the bytes, so nothing is lost and nothing counts twice.
 */
import type { IngestResult } from '../../service/types.js';
import type { MailboxLog } from './mailbox-log.js';
import { ingestMessage, tooLarge, type MailboxOutcome } from './mailbox-outcome.js';
import type { Pop3Listed, Pop3Session } from './pop3-client.js';

export interface Pop3PassContext {
  session: Pop3Session;
  ingest(raw: Uint8Array): Promise<IngestResult>;
  maxBytes: number;
  log: MailboxLog;
  /** UIDLs of failed messages left on the server: kept across passes, pruned to what is still there. */
  leftForAPerson: Set<string>;
  /** Checked between messages: a stop waits for the message in hand, not for the mailbox. */
  stopping(): boolean;
}

export interface Pop3PassOutcome {
  deleted: number;
  failed: number;
  /** The service failed: what is left stays for the next pass. */
  interrupted: boolean;
}

export async function pop3Pass(ctx: Pop3PassContext): Promise<Pop3PassOutcome> {
  const outcome: Pop3PassOutcome = { deleted: 0, failed: 0, interrupted: false };
  const listed = await ctx.session.list();
  if (listed.length === 0) {
    ctx.leftForAPerson.clear();
    return outcome;
  }
  const uids = await ctx.session.uidl();
  forgetGone(ctx.leftForAPerson, uids);
  for (const message of listed.sort((a, b) => a.number - b.number)) {
    if (ctx.stopping()) break;
    const uid = uids?.get(message.number);
    if (uid !== undefined && ctx.leftForAPerson.has(uid)) continue;
    const step = await handle(ctx, message, uid);
    if (step === 'interrupted') {
      outcome.interrupted = true;
      break;
    }
    outcome[step] += 1;
  }
  return outcome;
}

async function handle(
  ctx: Pop3PassContext,
  { number, size }: Pop3Listed,
  uid: string | undefined,
): Promise<'deleted' | 'failed' | 'interrupted'> {
  const outcome = await read(ctx, number, size);
  const where = { message: number, uidl: uid };
  if (outcome.step === 'retry') {
    ctx.log.error(
      { ...where, err: outcome.error },
      'mailbox: storing the message failed; it stays on the server and is retried on the next pass',
    );
    return 'interrupted';
  }
  if (outcome.step === 'failed') {
    if (uid !== undefined) ctx.leftForAPerson.add(uid);
    ctx.log.warn({ ...where, ...outcome.details }, `mailbox: ${outcome.what}, left on the server`);
    return 'failed';
  }
  await ctx.session.dele(number);
  ctx.log.info({ ...where, ...outcome.details }, `mailbox: ${outcome.what}, deleted from the server`);
  return 'deleted';
}

async function read(ctx: Pop3PassContext, number: number, size: number): Promise<MailboxOutcome> {
  if (size > ctx.maxBytes) return tooLarge(size, ctx.maxBytes);
  const raw = await ctx.session.retr(number, ctx.maxBytes);
  // The listed size is the server's estimate; the bytes read are what counts.
  if (raw === 'too-large') return tooLarge(size, ctx.maxBytes);
  return ingestMessage(ctx.ingest, raw);
}

function forgetGone(left: Set<string>, uids: Map<number, string> | undefined): void {
  if (uids === undefined) return;
  const present = new Set(uids.values());
  for (const uid of left) if (!present.has(uid)) left.delete(uid);
}
