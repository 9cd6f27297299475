import type pg from 'pg';
import { domainOf, type NewEvent } from '../store.js';

/** `unnest($n::type[], ...)`: many rows bound as one array per column, placeholders from `offset + 1`. */
export function unnestOf(types: readonly string[], offset = 0): string {
  return `unnest(${types.map((type, i) => `$${offset + i + 1}::${type}[]`).join(', ')})`;
}

const EVENT_TYPES = [
  'bigint',
  'text',
  'text',
  'text',
  'text',
  'timestamptz',
  'timestamptz',
  'text',
  'text',
  'text',
  'text',
  'bigint',
  'text',
  'text',
  'jsonb',
] as const;

/** The fresh events' insert, its arrays bound from `$offset + 1`: ids are given, so no conflict can hide a row. */
export function insertEventsSql(offset = 0): string {
  return `INSERT INTO events (id, account_id, address, domain, type, at, received_at, reason, kind, status,
    diagnostic_code, bounce_id, message_id, dedupe_key, data)
  OVERRIDING SYSTEM VALUE SELECT * FROM ${unnestOf(EVENT_TYPES, offset)}`;
}

export const EVENT_ARRAYS = EVENT_TYPES.length;

const reserveIds = (count: string): string => `SELECT id::text AS id FROM (
  SELECT nextval(pg_get_serial_sequence('events', 'id')) AS id FROM generate_series(1, ${count})) AS drawn
  ORDER BY 1`;
const RESERVE_IDS = reserveIds('$1::int');

/** Ids drawn per round trip: doubling from 2 (one signal and its state change) up to this. */
const FIRST_BLOCK = 2;
const MAX_BLOCK = 1024;

/**
 * BEGIN and the first block of ids in one round trip (a simple query may hold two statements when it
 * has no parameters): a transaction that appends no event leaves a gap of two ids, nothing more.
 */
const BEGIN_AND_RESERVE = `BEGIN; ${reserveIds(String(FIRST_BLOCK))}`;

/**
 * Events appended as fresh (their dedupe key cannot be taken), held back and written by one statement
 * when the transaction next needs them in the table. Their ids come from the events' identity sequence in
 * growing blocks, so a single ingest draws two and a batch of thousands a few round trips' worth; ids left
 * unused at the end are a gap in the sequence, as a rolled-back insert leaves.
 */
export class EventBuffer {
  private ids: string[] = [];
  private next = 0;
  private block = FIRST_BLOCK;
  private rows: (NewEvent & { id: string })[] = [];

  constructor(private readonly client: pg.PoolClient) {}

  get size(): number {
    return this.rows.length;
  }

  /** Begins the transaction on the client, drawing the first block of ids with it. */
  async begin(): Promise<void> {
    const results = (await this.client.query(BEGIN_AND_RESERVE)) as unknown as pg.QueryResult<{
      id: string;
    }>[];
    this.supply(results[1]?.rows ?? []);
  }

  async add(event: NewEvent): Promise<string> {
    const id = await this.nextId();
    this.rows.push({ ...event, id });
    return id;
  }

  /**
   * The next id of the block, for an event inserted at once (one whose dedupe key may be taken): ids
   * then grow in the order events are appended, fresh or not, so the history's id order stays the
   * order of arrival.
   */
  async nextId(): Promise<string> {
    if (this.next === this.ids.length) await this.reserve();
    return this.ids[this.next++] as string;
  }

  /** The held-back events as insertEventsSql's arrays; the buffer is empty afterwards. */
  take(): unknown[][] {
    const rows = this.rows;
    this.rows = [];
    const column = <T>(pick: (e: NewEvent & { id: string }) => T): T[] => rows.map(pick);
    return [
      column((e) => e.id),
      column((e) => e.accountId),
      column((e) => e.address),
      column((e) => domainOf(e.address)),
      column((e) => e.type),
      column((e) => e.at),
      column((e) => e.receivedAt),
      column((e) => e.reason),
      column((e) => e.kind),
      column((e) => e.status),
      column((e) => e.diagnosticCode),
      column((e) => e.bounceId),
      column((e) => e.messageId),
      column((e) => e.dedupeKey),
      column((e) => JSON.stringify(e.data)),
    ];
  }

  private async reserve(): Promise<void> {
    const { rows } = await this.client.query<{ id: string }>(RESERVE_IDS, [this.block]);
    this.supply(rows);
  }

  private supply(rows: { id: string }[]): void {
    this.ids = rows.map((r) => r.id);
    this.next = 0;
    this.block = Math.min(MAX_BLOCK, this.block * 2);
  }
}
