import type pg from 'pg';
import { ADDRESS_COLUMNS, EVENT_COLUMNS, STATE_CHANGED } from '../columns.js';
import { compressRaw } from '../raw-codec.js';
import {
  domainOf,
  type AddressRow,
  type EventRow,
  type NewBounce,
  type NewEvent,
  type StoreTx,
} from '../store.js';
import { addressRow, eventRow } from './rows.js';

const INSERT_BOUNCE = `INSERT INTO bounces (account_id, received_at, sha256, raw, size, verdicts, message_id)
  VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (account_id, sha256) DO NOTHING RETURNING id`;

const INSERT_EVENT = `INSERT INTO events (account_id, address, domain, type, at, received_at, reason, kind, status,
    diagnostic_code, bounce_id, message_id, dedupe_key, data)
  VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)
  ON CONFLICT (account_id, dedupe_key) DO NOTHING RETURNING id`;

/** New addresses get a row first, so that there is a row to lock. */
const ENSURE_ADDRESSES = `INSERT INTO addresses (account_id, address, domain, status, updated_at)
  SELECT $1, a, d, 'active', now() FROM unnest($2::text[], $3::text[]) AS t(a, d)
  ON CONFLICT (account_id, address) DO NOTHING`;

const LOCK_ADDRESSES = `SELECT ${ADDRESS_COLUMNS} FROM addresses
  WHERE account_id = $1 AND address = ANY($2::text[]) ORDER BY address FOR UPDATE`;

const SIGNAL_EVENTS = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE account_id = $1 AND address = $2 AND type <> '${STATE_CHANGED}' ORDER BY id`;

/** Every row in one statement: one array per column. */
const UPSERT_ADDRESSES = `INSERT INTO addresses (account_id, address, domain, status, soft_bounces, reason,
    explanation, blocked_at, decided_by, last_event_at, unblocks, updated_at, last_soft_at)
  SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int[], $6::text[], $7::text[],
    $8::timestamptz[], $9::text[], $10::timestamptz[], $11::int[], $12::timestamptz[], $13::timestamptz[])
  ON CONFLICT (account_id, address) DO UPDATE SET status = excluded.status,
    soft_bounces = excluded.soft_bounces, reason = excluded.reason, explanation = excluded.explanation,
    blocked_at = excluded.blocked_at, decided_by = excluded.decided_by,
    last_event_at = excluded.last_event_at, unblocks = excluded.unblocks, updated_at = excluded.updated_at,
    last_soft_at = excluded.last_soft_at`;

/** Rows per upsert: keeps each statement's arrays a few MB at most. */
const UPSERT_CHUNK = 20_000;

/** The writes of one transaction on one pooled client; address rows are locked FOR UPDATE. */
export class PgTx implements StoreTx {
  constructor(private readonly client: pg.PoolClient) {}

  async insertBounce(b: NewBounce): Promise<string | undefined> {
    const { rows } = await this.client.query<{ id: string }>(INSERT_BOUNCE, [
      b.accountId,
      b.receivedAt,
      b.sha256,
      compressRaw(b.raw),
      b.raw.byteLength,
      JSON.stringify(b.verdicts),
      b.messageId,
    ]);
    return rows[0]?.id;
  }

  async appendEvent(e: NewEvent): Promise<string | undefined> {
    const { rows } = await this.client.query<{ id: string }>(INSERT_EVENT, [
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
    return rows[0]?.id;
  }

  async lockAddresses(accountId: string, addresses: string[]): Promise<Map<string, AddressRow>> {
    // Sorted, so two transactions lock shared addresses in the same order and cannot deadlock.
    const sorted = [...new Set(addresses)].sort();
    await this.client.query(ENSURE_ADDRESSES, [accountId, sorted, sorted.map(domainOf)]);
    const { rows } = await this.client.query(LOCK_ADDRESSES, [accountId, sorted]);
    return new Map(rows.map((r) => [r.address as string, addressRow(r)]));
  }

  async signalEvents(accountId: string, address: string): Promise<EventRow[]> {
    const { rows } = await this.client.query(SIGNAL_EVENTS, [accountId, address]);
    return rows.map(eventRow);
  }

  async writeAddresses(rows: AddressRow[]): Promise<void> {
    for (let start = 0; start < rows.length; start += UPSERT_CHUNK) {
      const chunk = rows.slice(start, start + UPSERT_CHUNK);
      const column = <T>(pick: (r: AddressRow) => T): T[] => chunk.map(pick);
      await this.client.query(UPSERT_ADDRESSES, [
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
