/**
 * What becomes of one message read from a mailbox, the same for IMAP and POP3; each protocol then acts
 * on it in its own way (IMAP moves it to a folder, POP3 deletes it or leaves it on the server).
 *
 * - processed: stored, or read and found not to be a bounce (nothing in it will ever change an address);
 * - failed: it cannot be read (too large, no content, refused by the service for good): left for a person;
 * - retry: the service failed (store down, a conflict): the message stays, a later pass tries again.
 */
import { isReboundError } from '../../errors.js';
import type { IngestResult } from '../../service/types.js';

export type MailboxOutcome =
  { step: 'processed' | 'failed'; what: string; details: object } | { step: 'retry'; error: unknown };

export function tooLarge(size: number, maxBytes: number): MailboxOutcome {
  return { step: 'failed', what: 'message too large', details: { size, maxBytes } };
}

export function noSource(): MailboxOutcome {
  return { step: 'failed', what: 'the server returned no source', details: {} };
}

/** Hands the message to the service; its answer says whether it is about this mail or about the service. */
export async function ingestMessage(
  ingest: (raw: Uint8Array) => Promise<IngestResult>,
  raw: Uint8Array,
): Promise<MailboxOutcome> {
  if (raw.length === 0) return noSource();
  let result: IngestResult;
  try {
    result = await ingest(raw);
  } catch (error) {
    return refused(error);
  }
  const reasons = result.verdicts.map((verdict) => verdict.reason);
  return {
    step: 'processed',
    what: 'stored',
    details: { bounceId: result.bounceId, duplicate: result.duplicate, reasons },
  };
}

function refused(error: unknown): MailboxOutcome {
  if (isReboundError(error) && error.code === 'unreadable_mail') {
    return { step: 'processed', what: 'not a bounce, nothing stored', details: {} };
  }
  if (isReboundError(error) && error.status < 500 && error.code !== 'conflict') {
    return { step: 'failed', what: `refused: ${error.message}`, details: { code: error.code } };
  }
  return { step: 'retry', error };
}
