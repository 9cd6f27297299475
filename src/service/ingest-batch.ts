import type { Verdict } from '../classify/types.js';
import { ReboundError, isReboundError } from '../errors.js';
import type { PolicySettings } from '../policy/types.js';
import type { NewEvent, Store, StoreTx } from '../store/store.js';
import { addressProblem } from './address.js';
import { SignalWriter } from './apply-signals.js';
import {
  applicableOf,
  bounceEvents,
  canonical,
  classified,
  newBounce,
  sha256Of,
  views,
  type ClassifiedMail,
} from './ingest-bounce.js';
import type { IngestResult } from './types.js';

/** One mail's outcome in a batch: its result, or why it was refused (the others go on). */
export type BatchOutcome = { ok: true; result: IngestResult } | { ok: false; error: ReboundError };

/** A mail classified outside the transaction, or why it was refused. */
export type PreparedMail = ClassifiedMail | ReboundError;

/** A mail already stored, by its hash: its id and the verdicts it was stored with. */
interface Known {
  id: string;
  verdicts: Verdict[];
}

/**
 * Many raw mails in one transaction, each with the result `ingestBounce` would have given had they come
 * one after another in this order: the same idempotency (the same bytes twice, in the store or in the
 * batch, count once), the same events, the same states after each mail. What it saves is per-mail
 * overhead: one commit, one look-up of known hashes, the new mails stored by one multi-row write,
 * addresses locked and saved once, histories read once. A mail that is refused (no recipient readable)
 * is reported in its place; a store failure fails the whole batch.
 */
export function ingestBounces(
  store: Store,
  accountId: string,
  raws: Uint8Array[],
  settings: PolicySettings,
): Promise<BatchOutcome[]> {
  return ingestPrepared(store, accountId, raws.map(prepareMail), settings);
}

/** ingestBounces for mails classified already (by import workers), in this order. */
export async function ingestPrepared(
  store: Store,
  accountId: string,
  mails: PreparedMail[],
  settings: PolicySettings,
): Promise<BatchOutcome[]> {
  const readable = mails.filter((m): m is ClassifiedMail => !(m instanceof ReboundError));
  const known: Map<string, Known> = await store.findBouncesBySha(accountId, [
    ...new Set(readable.map((m) => m.sha256)),
  ]);
  const addresses = readable.flatMap((m) =>
    (known.get(m.sha256)?.verdicts ?? m.verdicts).map((v) => canonical(v.recipient)),
  );
  const receivedAt = new Date().toISOString();
  return store.transaction(async (tx) => {
    // Every address of the batch locked at once (a duplicate's too: it answers with their current rows).
    const writer = await SignalWriter.lock(tx, accountId, settings, addresses.filter(isAddress));
    const stored = await storeNew(tx, accountId, readable, known, receivedAt);
    const events = eventsOfStored(accountId, readable, stored, receivedAt);
    await writer.lookUpSendKeys(
      accountId,
      [...events.values()].flatMap((list) =>
        list.flatMap((e) => (e.dedupeKey === null ? [] : [e.dedupeKey])),
      ),
    );
    const outcomes: BatchOutcome[] = [];
    for (const mail of mails) {
      outcomes.push(await ingestOne(mail, { known, stored, events, writer, settings }));
    }
    await writer.save();
    return outcomes;
  });
}

/**
 * Stores every mail not known yet, the first of equal ones only, in one multi-row write. By hash: the new
 * id, or undefined when another process stored the same bytes since the look-up.
 */
async function storeNew(
  tx: StoreTx,
  accountId: string,
  mails: ClassifiedMail[],
  known: Map<string, Known>,
  receivedAt: string,
): Promise<Map<string, string | undefined>> {
  const fresh = new Map<string, ClassifiedMail>();
  for (const m of mails) if (!known.has(m.sha256) && !fresh.has(m.sha256)) fresh.set(m.sha256, m);
  const list = [...fresh.values()];
  const ids = await tx.insertBounces(list.map((m) => newBounce(accountId, m, receivedAt)));
  return new Map(list.map((m, i) => [m.sha256, ids[i]]));
}

/** The signal events of each mail stored by this batch, by hash. */
function eventsOfStored(
  accountId: string,
  mails: ClassifiedMail[],
  stored: Map<string, string | undefined>,
  receivedAt: string,
): Map<string, NewEvent[]> {
  const events = new Map<string, NewEvent[]>();
  for (const mail of mails) {
    const bounceId = stored.get(mail.sha256);
    if (bounceId !== undefined && !events.has(mail.sha256))
      events.set(mail.sha256, bounceEvents(accountId, bounceId, mail, receivedAt));
  }
  return events;
}

interface BatchState {
  known: Map<string, Known>;
  stored: Map<string, string | undefined>;
  events: Map<string, NewEvent[]>;
  writer: SignalWriter;
  settings: PolicySettings;
}

async function ingestOne(mail: PreparedMail, batch: BatchState): Promise<BatchOutcome> {
  if (mail instanceof ReboundError) return { ok: false, error: mail };
  const { known, stored, events, writer, settings } = batch;
  const previous = known.get(mail.sha256);
  if (previous !== undefined) {
    const states = views(writer.rows, applicableOf(previous.verdicts), settings);
    return {
      ok: true,
      result: { bounceId: previous.id, duplicate: true, verdicts: previous.verdicts, states },
    };
  }
  const bounceId = stored.get(mail.sha256);
  // Stored by another process since the look-up: its row is not visible to this transaction.
  if (bounceId === undefined) return { ok: false, error: conflict() };
  await writer.record(events.get(mail.sha256) ?? [], { fresh: true });
  known.set(mail.sha256, { id: bounceId, verdicts: mail.verdicts });
  const states = views(writer.rows, mail.applicable, settings);
  return { ok: true, result: { bounceId, duplicate: false, verdicts: mail.verdicts, states } };
}

function isAddress(address: string): boolean {
  return addressProblem(address) === undefined;
}

/**
 * Hashes and classifies outside the transaction; a refusal becomes the mail's outcome. So does a
 * classifier failure (a bug: it never throws on data), so that one mail cannot stop an import of many.
 */
export function prepareMail(raw: Uint8Array): PreparedMail {
  try {
    return classified(raw, sha256Of(raw));
  } catch (error) {
    if (isReboundError(error)) return error;
    const message = error instanceof Error ? error.message : String(error);
    return new ReboundError('internal', `The classifier failed on this mail (please report it): ${message}`);
  }
}

function conflict(): ReboundError {
  return new ReboundError('conflict', 'The same mail is being ingested concurrently: retry.');
}
