import type { StatementCache } from './statement-cache.js';
import { ADDRESS_COLUMNS, EVENT_COLUMNS, STATE_CHANGED } from '../columns.js';
import type { OutboxEvent } from '../guard.js';
import { compressRaw } from '../raw-codec.js';
import {
  domainOf,
  freshAddressRow,
  type AddressRow,
  type EventRow,
  type NewBounce,
  type NewEvent,
  type StoreTx,
} from '../store.js';
import { insertGuardEvents } from '../webhook-sql.js';
import type { Announce } from '../outbox.js';
import { decideRequest } from '../unblock-sql.js';
import type { UnblockRequestDecision, UnblockRequestRow } from '../unblocks.js';
import { EventTally } from '../event-tally.js';
import { addressRow, eventRow } from './rows.js';
import { sqliteTxDb } from './sql-db.js';

const INSERT_BOUNCE = `INSERT INTO bounces (account_id, received_at, sha256, raw, size, verdicts, message_id)
  VALUES (@accountId, @receivedAt, @sha256, @raw, @size, @verdicts, @messageId)
  ON CONFLICT (account_id, sha256) DO NOTHING`;

const INSERT_EVENT = `INSERT INTO events (account_id, address, domain, type, at, received_at, reason, kind, status,
    diagnostic_code, bounce_id, message_id, dedupe_key, data)
  VALUES (@accountId, @address, @domain, @type, @at, @receivedAt, @reason, @kind, @status,
    @diagnosticCode, @bounceId, @messageId, @dedupeKey, @data)
  ON CONFLICT (account_id, dedupe_key) DO NOTHING`;

export const SELECT_ADDRESSES = `SELECT ${ADDRESS_COLUMNS} FROM addresses
  WHERE account_id = @accountId AND address IN (SELECT value FROM json_each(@list))`;

const TAKEN_KEYS = `SELECT dedupe_key FROM events
  WHERE account_id = @accountId AND dedupe_key IN (SELECT value FROM json_each(@keys))`;

const SIGNAL_EVENTS = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE account_id = @accountId AND address = @address AND type <> '${STATE_CHANGED}' ORDER BY id`;

const UPSERT_ADDRESS = `INSERT INTO addresses (account_id, address, domain, status, soft_bounces, reason,
    explanation, blocked_at, decided_by, last_event_at, unblocks, updated_at, last_soft_at)
  VALUES (@accountId, @address, @domain, @status, @softBounces, @reason, @explanation, @blockedAt,
    @decidedBy, @lastEventAt, @unblocks, @updatedAt, @lastSoftAt)
  ON CONFLICT (account_id, address) DO UPDATE SET status = excluded.status,
    soft_bounces = excluded.soft_bounces, reason = excluded.reason, explanation = excluded.explanation,
    blocked_at = excluded.blocked_at, decided_by = excluded.decided_by,
    last_event_at = excluded.last_event_at, unblocks = excluded.unblocks, updated_at = excluded.updated_at,
    last_soft_at = excluded.last_soft_at`;

const ADD_HOUR_COUNT = `INSERT INTO event_counts (account_id, hour, type, kind, reason, n)
  VALUES (@accountId, @hour, @type, @kind, @reason, @n)
  ON CONFLICT (account_id, hour, type, kind, reason) DO UPDATE SET n = event_counts.n + excluded.n`;

const ADD_DOMAIN_COUNT = `INSERT INTO domain_counts (account_id, day, domain, type, kind, n)
  VALUES (@accountId, @day, @domain, @type, @kind, @n)
  ON CONFLICT (account_id, day, domain, type, kind) DO UPDATE SET n = domain_counts.n + excluded.n`;

/** The writes of one transaction. The caller holds BEGIN IMMEDIATE, so nothing here needs a row lock. */
export class SqliteTx implements StoreTx {
  private readonly tally = new EventTally();

  constructor(private readonly sql: StatementCache) {}

  /** Adds the stored events to the statistics' counters: the store calls it before COMMIT. */
  finish(): void {
    if (this.tally.size === 0) return;
    const { hours, domains } = this.tally.take();
    const addHour = this.sql.get(ADD_HOUR_COUNT);
    for (const h of hours) addHour.run(h);
    const addDomain = this.sql.get(ADD_DOMAIN_COUNT);
    for (const d of domains) addDomain.run(d);
  }

  async insertBounce(b: NewBounce): Promise<string | undefined> {
    const raw = b.compressed ?? compressRaw(b.raw);
    const info = this.sql.get(INSERT_BOUNCE).run({
      accountId: b.accountId,
      receivedAt: b.receivedAt,
      sha256: b.sha256,
      raw,
      size: b.raw.byteLength,
      verdicts: JSON.stringify(b.verdicts),
      messageId: b.messageId,
    });
    return info.changes === 0 ? undefined : String(info.lastInsertRowid);
  }

  // A prepared statement per row costs a few microseconds in-process: no multi-row statement needed.
  async insertBounces(bounces: NewBounce[]): Promise<(string | undefined)[]> {
    const ids: (string | undefined)[] = [];
    for (const b of bounces) ids.push(await this.insertBounce(b));
    return ids;
  }

  async appendFreshEvent(e: NewEvent): Promise<string> {
    const id = await this.appendEvent(e);
    if (id === undefined) throw new Error(`dedupe key ${e.dedupeKey} was not fresh`);
    return id;
  }

  async appendEvent(e: NewEvent): Promise<string | undefined> {
    const info = this.sql.get(INSERT_EVENT).run({
      ...e,
      domain: domainOf(e.address),
      bounceId: e.bounceId === null ? null : Number(e.bounceId),
      data: JSON.stringify(e.data),
    });
    if (info.changes === 0) return undefined;
    this.tally.add(e);
    return String(info.lastInsertRowid);
  }

  async takenKeys(accountId: string, keys: string[]): Promise<Set<string>> {
    if (keys.length === 0) return new Set();
    const rows = this.sql.get(TAKEN_KEYS).all({ accountId, keys: JSON.stringify(keys) });
    return new Set(rows.map((r) => String((r as { dedupe_key: string }).dedupe_key)));
  }

  async lockAddresses(accountId: string, addresses: string[]): Promise<Map<string, AddressRow>> {
    const rows = this.sql.get(SELECT_ADDRESSES).all({ accountId, list: JSON.stringify(addresses) });
    const found = new Map(
      rows.map((r) => [(r as AddressRow).address, addressRow(r as Record<string, unknown>)]),
    );
    const now = new Date().toISOString();
    for (const a of addresses) if (!found.has(a)) found.set(a, freshAddressRow(accountId, a, now));
    return found;
  }

  async signalEvents(accountId: string, address: string): Promise<EventRow[]> {
    return this.sql
      .get(SIGNAL_EVENTS)
      .all({ accountId, address })
      .map((r) => eventRow(r as Record<string, unknown>));
  }

  async writeAddresses(rows: AddressRow[]): Promise<void> {
    const upsert = this.sql.get(UPSERT_ADDRESS);
    for (const row of rows) upsert.run({ ...row, domain: domainOf(row.address) });
  }

  decideUnblockRequest(
    accountId: string,
    id: string,
    decision: UnblockRequestDecision,
    announce: Announce<UnblockRequestRow>,
  ): Promise<UnblockRequestRow | undefined> {
    return decideRequest(sqliteTxDb(this.sql), accountId, id, decision, announce);
  }

  async enqueueGuardEvents(queuedAt: string, events: readonly OutboxEvent[]): Promise<void> {
    if (events.length > 0) await insertGuardEvents(sqliteTxDb(this.sql), queuedAt, events);
  }
}
