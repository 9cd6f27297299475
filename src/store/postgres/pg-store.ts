import { randomUUID } from 'node:crypto';
import pg from 'pg';
import type { PolicySettings } from '../../policy/types.js';
import type { Role } from '../../service/types.js';
import {
  ACCOUNT_COLUMNS,
  ADDRESS_COLUMNS,
  API_KEY_COLUMNS,
  BOUNCE_COLUMNS,
  EVENT_COLUMNS,
  gateRow,
} from '../columns.js';
import { addressConditions, bounceConditions } from '../keyset.js';
import { decompressRaw } from '../raw-codec.js';
import { textArray } from './text-array.js';
import type {
  AccountRow,
  AddressFilter,
  AddressRow,
  ApiKeyRow,
  BounceEventFilter,
  BounceRow,
  EventRow,
  GateRow,
  Keyset,
  StatsCount,
  StatsGroup,
  Store,
  StoreTx,
} from '../store.js';
import { PgCaptureSettings } from './capture-settings.js';
import { PgAccessStore } from './access.js';
import type { IncidentStore } from '../incidents.js';
import { postgresIncidentStore } from './incidents.js';
import { PgBootstrap } from './bootstrap.js';
import { onClientInTransaction } from './client-transaction.js';
import { migratePostgres } from './migrate.js';
import { openPool, type PoolLog } from './pool.js';
import { Params } from './params.js';
import { PgTx } from './pg-tx.js';
import { PgUnblockStore } from './unblocks.js';
import type { GuardStore } from '../guard.js';
import { SqlGuardStore } from '../guard-sql.js';
import type { SqlDb } from '../sql-db.js';
import { countEvents } from '../stats-sql.js';
import { postgresSqlDb } from './sql-db.js';
import { accountRow, addressRow, apiKeyRow, bounceRow, eventRow } from './rows.js';

const TIMESTAMPTZ_OID = 1184;

/**
 * The send gate's read, in gateRow's column order (address first): one JSON array of rows, which the
 * driver's JSON.parse builds faster than it parses 50,000 rows field by field. Timestamps travel as the
 * server's own text for them and are parsed as every other read parses them.
 */
const GATE = `SELECT json_agg(json_build_array(address, status, soft_bounces, reason, explanation,
  blocked_at::text, last_soft_at::text)) FROM addresses WHERE account_id = $1 AND address = ANY($2::text[])`;

const parseTimestamp = pg.types.getTypeParser(TIMESTAMPTZ_OID, 'text') as (v: string) => Date;
const isoTimestamp = (value: string): string => parseTimestamp(value).toISOString();

/** Timestamps come back as ISO strings, like SQLite's, instead of Date objects. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === TIMESTAMPTZ_OID) return isoTimestamp;
    return pg.types.getTypeParser(oid, format as 'text');
  },
} as pg.CustomTypesConfig;

export interface PgStoreOptions {
  connectionString: string;
  /** Schema to use (tests create a fresh one per run); default: the server's search_path. */
  schema?: string | undefined;
  max?: number | undefined;
  /** Where a lost idle connection is reported (default: stderr). */
  log?: PoolLog | undefined;
  /** How long opening a connection may take (default CONNECT_TIMEOUT_MS). */
  connectTimeoutMs?: number | undefined;
}

/** Connects, migrates (one process at a time, under an advisory lock) and returns the store. */
export async function openPostgresStore(options: PgStoreOptions): Promise<PgStore> {
  if (options.schema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(options.schema)) {
    throw new TypeError(`Invalid PostgreSQL schema name: ${options.schema}`);
  }
  const pool = openPool(
    {
      connectionString: options.connectionString,
      max: options.max ?? 10,
      ...(options.connectTimeoutMs === undefined
        ? {}
        : { connectionTimeoutMillis: options.connectTimeoutMs }),
      types,
      ...(options.schema === undefined ? {} : { options: `-c search_path=${options.schema}` }),
    },
    options.log ?? { warn: (o, m) => console.error(m, o) },
  );
  try {
    await migratePostgres(pool);
  } catch (err) {
    await pool.end();
    throw err;
  }
  return new PgStore(pool);
}

export class PgStore implements Store {
  readonly dialect = 'postgres';
  readonly unblocks: PgUnblockStore;
  readonly access: PgAccessStore;
  readonly incidents: IncidentStore;
  readonly guard: GuardStore;
  readonly bootstrap: PgBootstrap;

  readonly captureSettings: PgCaptureSettings;
  private readonly sqlDb: SqlDb;

  constructor(private readonly pool: pg.Pool) {
    this.captureSettings = new PgCaptureSettings(pool);
    this.unblocks = new PgUnblockStore(pool);
    this.access = new PgAccessStore(pool);
    this.incidents = postgresIncidentStore(pool);
    this.sqlDb = postgresSqlDb(pool);
    this.guard = new SqlGuardStore(this.sqlDb);
    this.bootstrap = new PgBootstrap(pool);
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return onClientInTransaction(this.pool, async (client) => {
      const tx = new PgTx(client);
      await tx.begin();
      const result = await fn(tx);
      await tx.finish();
      return result;
    });
  }

  private async rows(sql: string, values: unknown[]): Promise<Record<string, unknown>[]> {
    return (await this.pool.query(sql, values)).rows;
  }

  async createAccount(name: string, settings: Partial<PolicySettings> = {}): Promise<AccountRow> {
    const id = randomUUID();
    const [r] = await this.rows(
      `INSERT INTO accounts (id, name, settings, created_at) VALUES ($1, $2, $3, now()) RETURNING ${ACCOUNT_COLUMNS}`,
      [id, name, JSON.stringify(settings)],
    );
    return accountRow(r as Record<string, unknown>);
  }

  async getAccount(id: string): Promise<AccountRow | undefined> {
    const [r] = await this.rows(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = $1`, [id]);
    return r === undefined ? undefined : accountRow(r);
  }

  async firstAccount(): Promise<AccountRow | undefined> {
    const [r] = await this.rows(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY created_at, id LIMIT 1`,
      [],
    );
    return r === undefined ? undefined : accountRow(r);
  }

  async updateAccountSettings(id: string, settings: Partial<PolicySettings>): Promise<void> {
    await this.pool.query('UPDATE accounts SET settings = $2 WHERE id = $1', [id, JSON.stringify(settings)]);
  }

  async insertApiKey(key: Omit<ApiKeyRow, 'id' | 'createdAt' | 'revokedAt'>): Promise<ApiKeyRow> {
    const [r] = await this.rows(
      `INSERT INTO api_keys (id, account_id, role, name, secret_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, now()) RETURNING ${API_KEY_COLUMNS}`,
      [randomUUID(), key.accountId, key.role, key.name, key.secretHash],
    );
    return apiKeyRow(r as Record<string, unknown>);
  }

  async findApiKeyByHash(secretHash: string): Promise<ApiKeyRow | undefined> {
    const [r] = await this.rows(`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE secret_hash = $1`, [
      secretHash,
    ]);
    return r === undefined ? undefined : apiKeyRow(r);
  }

  async countApiKeys(accountId: string, role?: Role): Promise<number> {
    const [r] = await this.rows(
      `SELECT count(*) AS n FROM api_keys WHERE account_id = $1 AND revoked_at IS NULL AND ($2::text IS NULL OR role = $2)`,
      [accountId, role ?? null],
    );
    return Number(r?.n ?? 0);
  }

  async findBounceBySha(accountId: string, sha256: string): Promise<BounceRow | undefined> {
    const [r] = await this.rows(
      `SELECT ${BOUNCE_COLUMNS} FROM bounces WHERE account_id = $1 AND sha256 = $2`,
      [accountId, sha256],
    );
    return r === undefined ? undefined : bounceRow(r);
  }

  async findBouncesBySha(accountId: string, sha256s: string[]): Promise<Map<string, BounceRow>> {
    const rows = await this.rows(
      `SELECT ${BOUNCE_COLUMNS} FROM bounces WHERE account_id = $1 AND sha256 = ANY($2::text[])`,
      [accountId, sha256s],
    );
    return new Map(rows.map(bounceRow).map((row) => [row.sha256, row]));
  }

  async getBounceRaw(accountId: string, id: string): Promise<Uint8Array | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const [r] = await this.rows('SELECT raw FROM bounces WHERE account_id = $1 AND id = $2', [accountId, id]);
    return r === undefined ? undefined : decompressRaw(r.raw as Buffer);
  }

  async listBounceEvents(accountId: string, filter: BounceEventFilter, page: Keyset): Promise<EventRow[]> {
    const p = new Params({ ...filter, accountId, after: page.after, limit: page.limit });
    const where = bounceConditions(filter, page.after, p.ref);
    const rows = await this.rows(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} ORDER BY id DESC LIMIT ${p.ref('limit')}`,
      p.values,
    );
    return rows.map(eventRow);
  }

  async getAddresses(accountId: string, addresses: string[]): Promise<Map<string, AddressRow>> {
    const rows = await this.rows(
      `SELECT ${ADDRESS_COLUMNS} FROM addresses WHERE account_id = $1 AND address = ANY($2::text[])`,
      [accountId, addresses],
    );
    return new Map(rows.map((r) => [r.address as string, addressRow(r)]));
  }

  async gateRows(accountId: string, addresses: string[]): Promise<(GateRow | undefined)[]> {
    const { rows } = await this.pool.query<[unknown[][] | null]>({
      text: GATE,
      values: [accountId, textArray(addresses)],
      rowMode: 'array',
    });
    const found = new Map<string, GateRow>();
    for (const r of rows[0]?.[0] ?? []) {
      if (r[5] !== null) r[5] = isoTimestamp(r[5] as string);
      if (r[6] !== null) r[6] = isoTimestamp(r[6] as string);
      found.set(r[0] as string, gateRow(r));
    }
    return addresses.map((address) => found.get(address));
  }

  async listAddresses(accountId: string, filter: AddressFilter, page: Keyset): Promise<AddressRow[]> {
    const p = new Params({ ...filter, accountId, after: page.after, limit: page.limit });
    const where = addressConditions(filter, page.after, p.ref);
    const rows = await this.rows(
      `SELECT ${ADDRESS_COLUMNS} FROM addresses WHERE ${where} ORDER BY address LIMIT ${p.ref('limit')}`,
      p.values,
    );
    return rows.map(addressRow);
  }

  async addressHistory(accountId: string, address: string): Promise<EventRow[]> {
    const rows = await this.rows(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE account_id = $1 AND address = $2 ORDER BY at, id`,
      [accountId, address],
    );
    return rows.map(eventRow);
  }

  async countEvents(
    accountId: string,
    range: { from: string; to: string },
    groupBy: StatsGroup,
  ): Promise<StatsCount[]> {
    return countEvents(this.sqlDb, accountId, range, groupBy);
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
