import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { PolicySettings } from '../../policy/types.js';
import type { Role } from '../../service/types.js';
import {
  ACCOUNT_COLUMNS,
  ADDRESS_COLUMNS,
  API_KEY_COLUMNS,
  BOUNCE_COLUMNS,
  EVENT_COLUMNS,
  GATE_COLUMNS,
  gateRow,
} from '../columns.js';
import { addressConditions, bounceConditions, definedParams } from '../keyset.js';
import { decompressRaw } from '../raw-codec.js';
import { SerialQueue } from '../serial-queue.js';
import { inAsyncTransaction } from './async-transaction.js';
import { sqliteFault, unusable } from './sqlite-faults.js';
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
import { SqliteCaptureSettings } from './capture-settings.js';
import { SqliteAccessStore } from './access.js';
import type { IncidentStore } from '../incidents.js';
import { sqliteIncidentStore } from './incidents.js';
import type { GuardStore } from '../guard.js';
import { SqlGuardStore } from '../guard-sql.js';
import type { SqlDb } from '../sql-db.js';
import { countEvents } from '../stats-sql.js';
import { migrateSqlite } from './migrate.js';
import { accountRow, addressRow, apiKeyRow, bounceRow, eventRow } from './rows.js';
import { sqliteSqlDb } from './sql-db.js';
import { SqliteBootstrap } from './bootstrap.js';
import { SELECT_ADDRESSES, SqliteTx } from './sqlite-tx.js';
import { SqliteUnblockStore } from './unblocks.js';
import { StatementCache } from './statement-cache.js';

type Raw = Record<string, unknown>;

/**
 * The send gate's read: the list drives the join (one primary-key probe per address), and the rows come
 * back as one JSON array of [index in the list, ...GATE_COLUMNS] that JSON.parse turns into arrays faster
 * than the driver builds 50,000 rows one value at a time.
 */
const GATE = `SELECT json_group_array(json_array(j.key, ${GATE_COLUMNS}))
  FROM json_each(@list) AS j CROSS JOIN addresses AS a ON a.account_id = @accountId AND a.address = j.value`;
const named = (name: string): string => `@${name}`;

/** Opens (creating the folder and file when needed) and migrates. `:memory:` for tests. */
export function openSqliteStore(file: string): SqliteStore {
  let db: Database.Database | undefined;
  try {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    db = new Database(file);
    configure(db);
    migrateSqlite(db);
    return new SqliteStore(db);
  } catch (error) {
    db?.close();
    throw unusable(file, error);
  }
}

function configure(db: Database.Database): void {
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  // The send gate probes up to 100,000 random keys at once: a bigger page cache and memory-mapped
  // reads keep a large address table off the read() path (64 MiB cache, 256 MiB map; both upper bounds).
  db.pragma('cache_size = -65536');
  db.pragma('mmap_size = 268435456');
  // Checkpoints run inside the COMMIT that crosses the threshold, two fsyncs each. At SQLite's default
  // (1,000 pages) an import's every 1,000-mail batch paid one: ~35 ms a commit here, a fifth of the
  // writing thread. 16,384 pages (64 MiB) make them rare; the WAL file is cut back to 64 MiB after one.
  db.pragma('wal_autocheckpoint = 16384');
  db.pragma('journal_size_limit = 67108864');
}

export class SqliteStore implements Store {
  readonly dialect = 'sqlite';
  private readonly queue = new SerialQueue(sqliteFault);
  private readonly sql: StatementCache;
  readonly unblocks: SqliteUnblockStore;
  readonly access: SqliteAccessStore;
  readonly incidents: IncidentStore;
  readonly guard: GuardStore;
  readonly bootstrap: SqliteBootstrap;

  readonly captureSettings: SqliteCaptureSettings;
  private readonly sqlDb: SqlDb;

  constructor(private readonly db: Database.Database) {
    this.sql = new StatementCache(db);
    this.captureSettings = new SqliteCaptureSettings(db, (task) => this.queue.run(task));
    this.unblocks = new SqliteUnblockStore(this.sql, this.queue);
    this.access = new SqliteAccessStore(this.sql, this.queue);
    this.incidents = sqliteIncidentStore(this.sql, this.queue);
    this.sqlDb = sqliteSqlDb(this.sql, this.queue);
    this.guard = new SqlGuardStore(this.sqlDb);
    this.bootstrap = new SqliteBootstrap(db, this.queue);
  }

  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> {
    return this.queue.run(() =>
      inAsyncTransaction(this.db, async () => {
        const tx = new SqliteTx(this.sql);
        const result = await fn(tx);
        tx.finish();
        return result;
      }),
    );
  }

  /** A read or single write, run between transactions so it never sees one half done. */
  private run<T>(sql: string, use: (stmt: Database.Statement) => T): Promise<T> {
    return this.queue.run(() => use(this.sql.get(sql)));
  }

  async createAccount(name: string, settings: Partial<PolicySettings> = {}): Promise<AccountRow> {
    const row = { id: randomUUID(), name, settings, createdAt: new Date().toISOString() };
    await this.run(
      'INSERT INTO accounts (id, name, settings, created_at) VALUES (@id, @name, @settings, @createdAt)',
      (s) => s.run({ ...row, settings: JSON.stringify(settings) }),
    );
    return row;
  }

  async getAccount(id: string): Promise<AccountRow | undefined> {
    const r = await this.run(`SELECT ${ACCOUNT_COLUMNS} FROM accounts WHERE id = @id`, (s) => s.get({ id }));
    return r === undefined ? undefined : accountRow(r as Raw);
  }

  async firstAccount(): Promise<AccountRow | undefined> {
    const r = await this.run(
      `SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY created_at, rowid LIMIT 1`,
      (s) => s.get(),
    );
    return r === undefined ? undefined : accountRow(r as Raw);
  }

  async updateAccountSettings(id: string, settings: Partial<PolicySettings>): Promise<void> {
    await this.run('UPDATE accounts SET settings = @settings WHERE id = @id', (s) =>
      s.run({ id, settings: JSON.stringify(settings) }),
    );
  }

  async insertApiKey(key: Omit<ApiKeyRow, 'id' | 'createdAt' | 'revokedAt'>): Promise<ApiKeyRow> {
    const row: ApiKeyRow = { ...key, id: randomUUID(), createdAt: new Date().toISOString(), revokedAt: null };
    await this.run(
      `INSERT INTO api_keys (id, account_id, role, name, secret_hash, created_at)
       VALUES (@id, @accountId, @role, @name, @secretHash, @createdAt)`,
      (s) => s.run(definedParams({ ...row })),
    );
    return row;
  }

  async findApiKeyByHash(secretHash: string): Promise<ApiKeyRow | undefined> {
    const r = await this.run(`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE secret_hash = @secretHash`, (s) =>
      s.get({ secretHash }),
    );
    return r === undefined ? undefined : apiKeyRow(r as Raw);
  }

  async countApiKeys(accountId: string, role?: Role): Promise<number> {
    const where = role === undefined ? '' : ' AND role = @role';
    const r = await this.run(
      `SELECT count(*) AS n FROM api_keys WHERE account_id = @accountId AND revoked_at IS NULL${where}`,
      (s) => s.get(definedParams({ accountId, role })) as { n: number },
    );
    return r.n;
  }

  async findBounceBySha(accountId: string, sha256: string): Promise<BounceRow | undefined> {
    const r = await this.run(
      `SELECT ${BOUNCE_COLUMNS} FROM bounces WHERE account_id = @accountId AND sha256 = @sha256`,
      (s) => s.get({ accountId, sha256 }),
    );
    return r === undefined ? undefined : bounceRow(r as Raw);
  }

  async findBouncesBySha(accountId: string, sha256s: string[]): Promise<Map<string, BounceRow>> {
    const rows = await this.run(
      `SELECT ${BOUNCE_COLUMNS} FROM bounces
       WHERE account_id = @accountId AND sha256 IN (SELECT value FROM json_each(@list))`,
      (s) => s.all({ accountId, list: JSON.stringify(sha256s) }),
    );
    return new Map(rows.map((r) => bounceRow(r as Raw)).map((row) => [row.sha256, row]));
  }

  async getBounceRaw(accountId: string, id: string): Promise<Uint8Array | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const r = (await this.run('SELECT raw FROM bounces WHERE account_id = @accountId AND id = @id', (s) =>
      s.get({ accountId, id: Number(id) }),
    )) as { raw: Buffer } | undefined;
    return r === undefined ? undefined : decompressRaw(r.raw);
  }

  async listBounceEvents(accountId: string, filter: BounceEventFilter, page: Keyset): Promise<EventRow[]> {
    const where = bounceConditions(filter, page.after, named);
    const after = page.after === null ? undefined : Number(page.after);
    const rows = await this.run(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE ${where} ORDER BY id DESC LIMIT @limit`,
      (s) => s.all(definedParams({ ...filter, accountId, after, limit: page.limit })),
    );
    return rows.map((r) => eventRow(r as Raw));
  }

  async getAddresses(accountId: string, addresses: string[]): Promise<Map<string, AddressRow>> {
    const rows = await this.run(SELECT_ADDRESSES, (s) =>
      s.all({ accountId, list: JSON.stringify(addresses) }),
    );
    return new Map(rows.map((r) => [(r as AddressRow).address, addressRow(r as Raw)]));
  }

  async gateRows(accountId: string, addresses: string[]): Promise<(GateRow | undefined)[]> {
    // Probing in key order walks the index pages in order: 100,000 keys sorted cost ~25 ms and save more.
    // (Sorted by SQLite instead, `ORDER BY` in a subquery, the rows' places come back without a map by
    // address, but its sorter costs ~2.5 times the instructions of this sort and the map together.)
    const sorted = [...addresses].sort();
    const json = await this.run(GATE, (s) => s.pluck(true).get({ accountId, list: JSON.stringify(sorted) }));
    const found = new Map<string, GateRow>();
    for (const r of JSON.parse(json as string) as unknown[][])
      found.set(sorted[r[0] as number] as string, gateRow(r));
    return addresses.map((address) => found.get(address));
  }

  async listAddresses(accountId: string, filter: AddressFilter, page: Keyset): Promise<AddressRow[]> {
    const where = addressConditions(filter, page.after, named);
    const rows = await this.run(
      `SELECT ${ADDRESS_COLUMNS} FROM addresses WHERE ${where} ORDER BY address LIMIT @limit`,
      (s) => s.all(definedParams({ ...filter, accountId, after: page.after, limit: page.limit })),
    );
    return rows.map((r) => addressRow(r as Raw));
  }

  async addressHistory(accountId: string, address: string): Promise<EventRow[]> {
    const rows = await this.run(
      `SELECT ${EVENT_COLUMNS} FROM events WHERE account_id = @accountId AND address = @address ORDER BY at, id`,
      (s) => s.all({ accountId, address }),
    );
    return rows.map((r) => eventRow(r as Raw));
  }

  async countEvents(
    accountId: string,
    range: { from: string; to: string },
    groupBy: StatsGroup,
  ): Promise<StatsCount[]> {
    return countEvents(this.sqlDb, accountId, range, groupBy);
  }

  async close(): Promise<void> {
    await this.queue.run(() => this.db.close());
  }
}
