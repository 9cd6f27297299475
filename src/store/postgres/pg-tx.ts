import type pg from 'pg';
import { ADDRESS_COLUMNS, EVENT_COLUMNS, STATE_CHANGED } from '../columns.js';
import type { OutboxEvent } from '../guard.js';
import { compressRaw } from '../raw-codec.js';
import {
  domainOf,
  type AddressRow,
  type EventRow,
  type NewBounce,
  type NewEvent,
  type StoreTx,
} from '../store.js';
import { EVENT_ARRAYS, EventBuffer, insertEventsSql, unnestOf } from './event-buffer.js';
import { insertGuardEvents } from '../webhook-sql.js';
import type { Announce } from '../outbox.js';
import { decideRequest } from '../unblock-sql.js';
import type { UnblockRequestDecision, UnblockRequestRow } from '../unblocks.js';
import { EventTally } from '../event-tally.js';
import { addressRow, eventRow } from './rows.js';
import { postgresSqlDb } from './sql-db.js';

const INSERT_BOUNCE = `INSERT INTO bounces (account_id, received_at, sha256, raw, size, verdicts, message_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (account_id, sha256) DO NOTHING RETURNING id`;

const INSERT_EVENT = `INSERT INTO events (id, account_id, address, domain, type, at, received_at, reason, kind,
    status, diagnostic_code, bounce_id, message_id, dedupe_key, data)
  OVERRIDING SYSTEM VALUE VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
  ON CONFLICT (account_id, dedupe_key) DO NOTHING RETURNING id`;

/** New addresses get a row first, so that there is a row to lock. */
const ENSURE_ADDRESSES = `INSERT INTO addresses (account_id, address, domain, status, updated_at)
  SELECT $1, a, d, 'active', now() FROM unnest($2::text[], $3::text[]) AS t(a, d)
  ON CONFLICT (account_id, address) DO NOTHING`;

const LOCK_ADDRESSES = `SELECT ${ADDRESS_COLUMNS} FROM addresses
  WHERE account_id = $1 AND address = ANY($2::text[]) ORDER BY address FOR UPDATE`;

const TAKEN_KEYS = 'SELECT dedupe_key FROM events WHERE account_id = $1 AND dedupe_key = ANY($2::text[])';

const SIGNAL_EVENTS = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE account_id = $1 AND address = $2 AND type <> '${STATE_CHANGED}' ORDER BY id`;

const INSERT_BOUNCES = `INSERT INTO bounces (account_id, received_at, sha256, raw, size, verdicts, message_id)
  SELECT * FROM ${unnestOf(['text', 'timestamptz', 'text', 'bytea', 'int', 'jsonb', 'text'])}
  ON CONFLICT (account_id, sha256) DO NOTHING RETURNING id, sha256`;

/** Compressed bytes per multi-row bounce insert: bytea travels as hex text, twice its size. */
const BOUNCE_CHUNK_BYTES = 4 * 1024 * 1024;

const ADDRESS_TYPES = [
  'text',
  'text',
  'text',
  'text',
  'int',
  'text',
  'text',
  'timestamptz',
  'text',
  'timestamptz',
  'int',
  'timestamptz',
  'timestamptz',
];

/** Every row in one statement: one array per column, bound from `$offset + 1`. */
const upsertAddressesSql = (offset: number): string => `INSERT INTO addresses (account_id, address, domain,
    status, soft_bounces, reason, explanation, blocked_at, decided_by, last_event_at, unblocks, updated_at, last_soft_at)
  SELECT * FROM ${unnestOf(ADDRESS_TYPES, offset)}
  ON CONFLICT (account_id, address) DO UPDATE SET status = excluded.status,
    soft_bounces = excluded.soft_bounces, reason = excluded.reason, explanation = excluded.explanation,
    blocked_at = excluded.blocked_at, decided_by = excluded.decided_by,
    last_event_at = excluded.last_event_at, unblocks = excluded.unblocks, updated_at = excluded.updated_at,
    last_soft_at = excluded.last_soft_at`;

const UPSERT_ADDRESSES = upsertAddressesSql(0);
/** The held-back events and the address rows they moved, in one statement (one round trip). */
const EVENTS_THEN_ADDRESSES = `WITH written AS (${insertEventsSql()}) ${upsertAddressesSql(EVENT_ARRAYS)}`;

/** The statistics' counters of a transaction's events, both tables in one statement (one round trip). */
const ADD_COUNTS = `WITH hours AS (
    INSERT INTO event_counts (account_id, hour, type, kind, reason, n)
    SELECT * FROM ${unnestOf(['text', 'text', 'text', 'text', 'text', 'bigint'])}
    ON CONFLICT (account_id, hour, type, kind, reason) DO UPDATE SET n = event_counts.n + excluded.n)
  INSERT INTO domain_counts (account_id, day, domain, type, kind, n)
  SELECT * FROM ${unnestOf(['text', 'text', 'text', 'text', 'text', 'bigint'], 6)}
  ON CONFLICT (account_id, day, domain, type, kind) DO UPDATE SET n = domain_counts.n + excluded.n`;

/** Rows per upsert: keeps each statement's arrays a few MB at most. */
const UPSERT_CHUNK = 20_000;

/**
 * The writes of one transaction on one pooled client; address rows are locked FOR UPDATE. Fresh events
 * are held back (EventBuffer) until the next read of events or write of addresses, or `finish`.
 */
export class PgTx implements StoreTx {
  private readonly fresh: EventBuffer;
  private readonly tally = new EventTally();

  constructor(private readonly client: pg.PoolClient) {
    this.fresh = new EventBuffer(client);
  }

  /** BEGIN: the store calls it first. */
  begin(): Promise<void> {
    return this.fresh.begin();
  }

  /**
   * Writes what is held back, then adds the stored events to the statistics' counters: the store calls it
   * before COMMIT. The counters go last, so their row locks are held for one round trip, not the whole
   * transaction, and in the tally's key order, the same in every transaction.
   */
  async finish(): Promise<void> {
    if (this.fresh.size > 0) await this.client.query(insertEventsSql(), this.fresh.take());
    if (this.tally.size === 0) return;
    const { hours, domains } = this.tally.take();
    const h = <T>(pick: (c: (typeof hours)[number]) => T): T[] => hours.map(pick);
    const d = <T>(pick: (c: (typeof domains)[number]) => T): T[] => domains.map(pick);
    await this.client.query(ADD_COUNTS, [
      h((c) => c.accountId),
      h((c) => c.hour),
      h((c) => c.type),
      h((c) => c.kind),
      h((c) => c.reason),
      h((c) => c.n),
      d((c) => c.accountId),
      d((c) => c.day),
      d((c) => c.domain),
      d((c) => c.type),
      d((c) => c.kind),
      d((c) => c.n),
    ]);
  }

  async insertBounce(b: NewBounce): Promise<string | undefined> {
    const { rows } = await this.client.query<{ id: string }>(INSERT_BOUNCE, [
      b.accountId,
      b.receivedAt,
      b.sha256,
      b.compressed ?? compressRaw(b.raw),
      b.raw.byteLength,
      JSON.stringify(b.verdicts),
      b.messageId,
    ]);
    return rows[0]?.id;
  }

  async insertBounces(bounces: NewBounce[]): Promise<(string | undefined)[]> {
    const ids = new Map<string, string>();
    let chunk: NewBounce[] = [];
    let bytes = 0;
    const flush = async (): Promise<void> => {
      const column = <T>(pick: (b: NewBounce) => T): T[] => chunk.map(pick);
      const { rows } = await this.client.query<{ id: string; sha256: string }>(INSERT_BOUNCES, [
        column((b) => b.accountId),
        column((b) => b.receivedAt),
        column((b) => b.sha256),
        column((b) => b.compressed ?? compressRaw(b.raw)),
        column((b) => b.raw.byteLength),
        column((b) => JSON.stringify(b.verdicts)),
        column((b) => b.messageId),
      ]);
      for (const r of rows) ids.set(r.sha256, String(r.id));
      chunk = [];
      bytes = 0;
    };
    for (const b of bounces) {
      chunk.push(b);
      bytes += b.compressed?.byteLength ?? b.raw.byteLength;
      if (bytes >= BOUNCE_CHUNK_BYTES) await flush();
    }
    if (chunk.length > 0) await flush();
    return bounces.map((b) => ids.get(b.sha256));
  }

  /** Tallied at once: its insert cannot skip it, and if the insert fails the transaction ends. */
  appendFreshEvent(e: NewEvent): Promise<string> {
    this.tally.add(e);
    return this.fresh.add(e);
  }

  async appendEvent(e: NewEvent): Promise<string | undefined> {
    const { rows } = await this.client.query<{ id: string }>(INSERT_EVENT, [
      await this.fresh.nextId(),
      e.accountId,
      e.address,
      domainOf(e.address),
      e.type,
      e.at,
      e.receivedAt,
      e.reason,
      e.kind,
      e.status,
      e.diagnosticCode,
      e.bounceId,
      e.messageId,
      e.dedupeKey,
      JSON.stringify(e.data),
    ]);
    if (rows[0] !== undefined) this.tally.add(e);
    return rows[0]?.id;
  }

  async takenKeys(accountId: string, keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    // Held-back events count too: they are written first.
    await this.finish();
    const { rows } = await this.client.query<{ dedupe_key: string }>(TAKEN_KEYS, [accountId, keys]);
    return new Set(rows.map((r) => r.dedupe_key));
  }

  async lockAddresses(accountId: string, addresses: string[]): Promise<Map<string, AddressRow>> {
    // Sorted, so two transactions lock shared addresses in the same order and cannot deadlock.
    const sorted = [...new Set(addresses)].sort();
    await this.client.query(ENSURE_ADDRESSES, [accountId, sorted, sorted.map(domainOf)]);
    const { rows } = await this.client.query(LOCK_ADDRESSES, [accountId, sorted]);
    return new Map(rows.map((r) => [r.address as string, addressRow(r)]));
  }

  async signalEvents(accountId: string, address: string): Promise<EventRow[]> {
    await this.finish();
    const { rows } = await this.client.query(SIGNAL_EVENTS, [accountId, address]);
    return rows.map(eventRow);
  }

  decideUnblockRequest(
    accountId: string,
    id: string,
    decision: UnblockRequestDecision,
    announce: Announce<UnblockRequestRow>,
  ): Promise<UnblockRequestRow | undefined> {
    return decideRequest(postgresSqlDb(this.client), accountId, id, decision, announce);
  }

  async enqueueGuardEvents(queuedAt: string, events: readonly OutboxEvent[]): Promise<void> {
    if (events.length > 0) await insertGuardEvents(postgresSqlDb(this.client), queuedAt, events);
  }

  async writeAddresses(rows: AddressRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += UPSERT_CHUNK) {
      const chunk = rows.slice(start, start + UPSERT_CHUNK);
      const column = <T>(pick: (r: AddressRow) => T): T[] => chunk.map(pick);
      const events = this.fresh.size > 0 ? this.fresh.take() : undefined;
      await this.client.query(events === undefined ? UPSERT_ADDRESSES : EVENTS_THEN_ADDRESSES, [
        ...(events ?? []),
        column((r) => r.accountId),
        column((r) => r.address),
        column((r) => domainOf(r.address)),
        column((r) => r.status),
        column((r) => r.softBounces),
        column((r) => r.reason),
        column((r) => r.explanation),
        column((r) => r.blockedAt),
        column((r) => r.decidedBy),
        column((r) => r.lastEventAt),
        column((r) => r.unblocks),
        column((r) => r.updatedAt),
        column((r) => r.lastSoftAt),
      ]);
    }
  }
}
