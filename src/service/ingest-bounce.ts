import { createHash } from 'node:crypto';
import { classify } from '../classify/classify.js';
import type { Verdict } from '../classify/types.js';
import { ReboundError } from '../errors.js';
import type { PolicySettings } from '../policy/types.js';
import type { AddressRow, EventType, NewBounce, NewEvent, Store, StoreTx } from '../store/store.js';
import { addressProblem } from './address.js';
import { recordSignals } from './apply-signals.js';
import { sendSignalKey } from './send-key.js';
import type { IngestResult } from './types.js';
import { addressView } from './views.js';

/**
 * A raw bounce mail in: classify outside the transaction (pure, the slow part), then in one
 * transaction store the mail and apply every verdict. The mail's SHA-256 makes it idempotent: the
 * same bytes again change nothing and answer with what the first ingest stored.
 */
export async function ingestBounce(
  store: Store,
  accountId: string,
  raw: Uint8Array,
  settingsOfAccount: Promise<PolicySettings>,
  now: Date = new Date(),
  verdicts?: Verdict[],
): Promise<IngestResult> {
  const sha256 = sha256Of(raw);
  // Both reads travel while the mail is classified: on PostgreSQL their round trip costs no wait. A
  // duplicate is classified for nothing, a price paid rarely.
  const reads = Promise.all([store.findBounceBySha(accountId, sha256), settingsOfAccount]);
  const mail = attempt(() => classified(raw, sha256, verdicts));
  const [known, settings] = await reads;
  if (known !== undefined) return duplicateResult(store, accountId, known.id, known.verdicts, settings);
  if ('failure' in mail) throw mail.failure;
  const receivedAt = now.toISOString();
  const stored = await store.transaction((tx) =>
    storeMail(tx, accountId, mail, receivedAt, (events) =>
      recordSignals(tx, accountId, events, settings, { fresh: true }),
    ),
  );
  if (stored === undefined) {
    const again = await store.findBounceBySha(accountId, sha256);
    if (again === undefined)
      throw new ReboundError('conflict', 'The same mail is being ingested concurrently: retry.');
    return duplicateResult(store, accountId, again.id, again.verdicts, settings);
  }
  return {
    bounceId: stored.bounceId,
    duplicate: false,
    verdicts: mail.verdicts,
    states: views(stored.rows, mail.applicable, settings),
  };
}

/** fn's value, or what it threw, kept to be thrown once the reads in flight have settled. */
function attempt<T extends object>(fn: () => T): T | { failure: unknown } {
  try {
    return fn();
  } catch (failure) {
    return { failure };
  }
}

/** A mail classified, with the verdicts that name a usable address. */
export interface ClassifiedMail {
  raw: Uint8Array;
  sha256: string;
  verdicts: Verdict[];
  applicable: Verdict[];
  /** `raw` compressed for storage, when an import worker did it already. */
  compressed?: Uint8Array | undefined;
}

/**
 * Classifies (pure, the slow part: callers do it outside any transaction), unless the caller already did
 * (the inbound SMTP server reads the verdicts before it accepts a mail); refuses a mail with no recipient.
 */
export function classified(raw: Uint8Array, sha256: string, known?: Verdict[]): ClassifiedMail {
  const verdicts = known ?? (raw.byteLength === 0 ? [] : classify(raw));
  const applicable = applicableOf(verdicts);
  if (applicable.length === 0) {
    throw new ReboundError(
      'unreadable_mail',
      'No recipient could be read from this mail: is it a bounce (RFC 3464 DSN or an MTA report)?',
    );
  }
  return { raw, sha256, verdicts, applicable };
}

/** What applies a stored mail's events, in the caller's transaction, and returns the address rows. */
export type ApplyEvents = (events: NewEvent[]) => Promise<Map<string, AddressRow>>;

/**
 * Inside the caller's transaction: stores the mail and applies its verdicts. Undefined when a mail with
 * the same bytes was stored since the caller looked: a duplicate after all.
 */
export async function storeMail(
  tx: StoreTx,
  accountId: string,
  mail: ClassifiedMail,
  receivedAt: string,
  applyEvents: ApplyEvents,
): Promise<{ bounceId: string; rows: Map<string, AddressRow> } | undefined> {
  const bounceId = await tx.insertBounce(newBounce(accountId, mail, receivedAt));
  if (bounceId === undefined) return undefined;
  return { bounceId, rows: await applyEvents(bounceEvents(accountId, bounceId, mail, receivedAt)) };
}

export function newBounce(accountId: string, mail: ClassifiedMail, receivedAt: string): NewBounce {
  const { raw, sha256, verdicts, compressed } = mail;
  const messageId = verdicts[0]?.original.messageId ?? null;
  return { accountId, receivedAt, sha256, raw, verdicts, messageId, compressed };
}

/**
 * The signal events of a mail just stored as `bounceId`, one per address: their dedupe keys name that
 * bounce, so none can be taken yet (the events are fresh, see StoreTx.appendFreshEvent).
 */
export function bounceEvents(
  accountId: string,
  bounceId: string,
  mail: ClassifiedMail,
  receivedAt: string,
): NewEvent[] {
  const byAddress = new Map<string, NewEvent>();
  for (const v of mail.applicable) {
    const event = verdictEvent(accountId, bounceId, v, receivedAt);
    if (!byAddress.has(event.address)) byAddress.set(event.address, event);
  }
  return [...byAddress.values()];
}

export function sha256Of(raw: Uint8Array): string {
  return createHash('sha256').update(raw).digest('hex');
}

export function applicableOf(verdicts: Verdict[]): Verdict[] {
  return verdicts.filter((v) => addressProblem(canonical(v.recipient)) === undefined);
}

export function canonical(recipient: string): string {
  return recipient.trim().toLowerCase();
}

/** What kind of signal a verdict is, as the event log and the stats count it. */
const TYPE_OF_KIND: Record<Verdict['kind'], EventType> = {
  hard: 'bounced',
  soft: 'bounced',
  sender: 'bounced',
  undetermined: 'bounced',
  complaint: 'complained',
  autoreply: 'autoreplied',
  delivered: 'delivered',
};

function verdictEvent(accountId: string, bounceId: string, v: Verdict, receivedAt: string): NewEvent {
  const address = canonical(v.recipient);
  return {
    accountId,
    address,
    type: TYPE_OF_KIND[v.kind],
    at: eventTime(v.date, receivedAt),
    receivedAt,
    reason: v.reason,
    kind: v.kind,
    status: v.status,
    diagnosticCode: v.diagnosticCode,
    bounceId,
    messageId: v.original.messageId,
    // Counted once per send with the same signal from a webhook; without a quoted Message-ID, once per mail.
    dedupeKey:
      sendSignalKey(TYPE_OF_KIND[v.kind], v.kind, address, v.original.messageId) ??
      `bounce:${bounceId}:${address}`,
    data: { decoder: v.decoder, rule: v.evidence.rule, replyCode: v.replyCode, blocklist: v.blocklist },
  };
}

/** The report's date when readable and not in the future (a wrong clock must not outrank later signals). */
function eventTime(date: string | null, receivedAt: string): string {
  const t = date === null ? NaN : Date.parse(date);
  if (!Number.isFinite(t)) return receivedAt;
  const iso = new Date(t).toISOString();
  return iso < receivedAt ? iso : receivedAt;
}

async function duplicateResult(
  store: Store,
  accountId: string,
  bounceId: string,
  verdicts: Verdict[],
  settings: PolicySettings,
): Promise<IngestResult> {
  const applicable = applicableOf(verdicts);
  const rows = await store.getAddresses(accountId, [
    ...new Set(applicable.map((v) => canonical(v.recipient))),
  ]);
  return { bounceId, duplicate: true, verdicts, states: views(rows, applicable, settings) };
}

export function views(
  rows: Map<string, AddressRow>,
  verdicts: Verdict[],
  settings: PolicySettings,
): IngestResult['states'] {
  const seen = new Set<string>();
  const out: IngestResult['states'] = [];
  for (const v of verdicts) {
    const row = rows.get(canonical(v.recipient));
    if (row === undefined || seen.has(row.address)) continue;
    seen.add(row.address);
    out.push(addressView(row, settings));
  }
  return out;
}
