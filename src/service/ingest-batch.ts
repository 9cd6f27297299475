import type { Verdict } from '../classify/types.js';
import { ReboundError, isReboundError } from '../errors.js';
import type { PolicySettings } from '../policy/types.js';
import type { Store, StoreTx } from '../store/store.js';
import { addressProblem } from './address.js';
import { SignalWriter } from './apply-signals.js';
import {
  applicableOf,
  canonical,
  classified,
  sha256Of,
  storeMail,
  views,
  type ClassifiedMail,
} from './ingest-bounce.js';
import type { IngestResult } from './types.js';

/** One mail's outcome in a batch: its result, or why it was refused (the others go on). */
export type BatchOutcome = { ok: true; result: IngestResult } | { ok: false; error: ReboundError };

/** A mail already stored, by its hash: its id and the verdicts it was stored with. */
interface Known {
  id: string;
  verdicts: Verdict[];
}

/**
 * Many raw mails in one transaction, each with the result `ingestBounce` would have given had they come
 * one after another in this order: the same idempotency (the same bytes twice, in the store or in the
 * batch, count once), the same events, the same states after each mail. What it saves is per-mail
 * overhead: one commit, one look-up of known hashes, addresses locked and saved once, histories read
 * once. A mail that is refused (no recipient readable) is reported in its place; a store failure fails
 * the whole batch.
 */
export async function ingestBounces(
  store: Store,
  accountId: string,
  raws: Uint8Array[],
  settings: PolicySettings,
): Promise<BatchOutcome[]> {
  const mails = raws.map(prepare);
  const readable = mails.filter((m): m is ClassifiedMail => !(m instanceof ReboundError));
  const known: Map<string, Known> = await store.findBouncesBySha(accountId, [
    ...new Set(readable.map((m) => m.sha256)),
  ]);
  const addresses = readable.flatMap((m) =>
    (known.get(m.sha256)?.verdicts ?? m.verdicts).map((v) => canonical(v.recipient)),
  );
  return store.transaction(async (tx) => {
    // Every address of the batch locked at once (a duplicate's too: it answers with their current rows).
    const writer = await SignalWriter.lock(tx, accountId, settings, addresses.filter(isAddress));
    const outcomes: BatchOutcome[] = [];
    for (const mail of mails) outcomes.push(await ingestOne(tx, accountId, mail, known, writer, settings));
    await writer.save();
    return outcomes;
  });
}

async function ingestOne(
  tx: StoreTx,
  accountId: string,
  mail: ClassifiedMail | ReboundError,
  known: Map<string, Known>,
  writer: SignalWriter,
  settings: PolicySettings,
): Promise<BatchOutcome> {
  if (mail instanceof ReboundError) return { ok: false, error: mail };
  const stored = known.get(mail.sha256);
  if (stored !== undefined) {
    const states = views(writer.rows, applicableOf(stored.verdicts), settings);
    return { ok: true, result: { bounceId: stored.id, duplicate: true, verdicts: stored.verdicts, states } };
  }
  const receivedAt = new Date().toISOString();
  const saved = await storeMail(tx, accountId, mail, receivedAt, async (events) => {
    await writer.record(events);
    return writer.rows;
  });
  // Stored by another process since the look-up above: its row is not visible to this transaction.
  if (saved === undefined) return { ok: false, error: conflict() };
  known.set(mail.sha256, { id: saved.bounceId, verdicts: mail.verdicts });
  const states = views(saved.rows, mail.applicable, settings);
  return {
    ok: true,
    result: { bounceId: saved.bounceId, duplicate: false, verdicts: mail.verdicts, states },
  };
}

function isAddress(address: string): boolean {
  return addressProblem(address) === undefined;
}

/** Hashes and classifies outside the transaction; a refusal becomes the mail's outcome. */
function prepare(raw: Uint8Array): ClassifiedMail | ReboundError {
  try {
    return classified(raw, sha256Of(raw));
  } catch (error) {
    if (isReboundError(error)) return error;
    throw error;
  }
}

function conflict(): ReboundError {
  return new ReboundError('conflict', 'The same mail is being ingested concurrently: retry.');
}
