import type Database from 'better-sqlite3';
import { ACCOUNT_COLUMNS, ADDRESS_COLUMNS } from '../columns.js';
import { definedParams } from '../keyset.js';
import type { SerialQueue } from '../serial-queue.js';
import type { AccountRow, AddressRow, Keyset } from '../store.js';
import type { Announce } from '../outbox.js';
import type { SqlDb } from '../sql-db.js';
import { insertRequest, requestRow } from '../unblock-sql.js';
import {
  EXPIRABLE_BLOCK,
  UNBLOCK_REQUEST_COLUMNS,
  type NewUnblockRequest,
  type UnblockRequestFilter,
  type UnblockRequestRow,
  type UnblockStore,
} from '../unblocks.js';
import { accountRow, addressRow } from './rows.js';
import { sqliteSqlDb } from './sql-db.js';
import type { StatementCache } from './statement-cache.js';

type Raw = Record<string, unknown>;

/** Unblock requests on SQLite, through the store's one queue (see SerialQueue). */
export class SqliteUnblockStore implements UnblockStore {
  /** The same connection and queue as a SqlDb, for the changes written with their webhooks. */
  private readonly db: SqlDb;

  constructor(
    private readonly sql: StatementCache,
    private readonly queue: SerialQueue,
  ) {
    this.db = sqliteSqlDb(sql, queue);
  }

  private run<T>(sql: string, use: (stmt: Database.Statement) => T): Promise<T> {
    return this.queue.run(() => use(this.sql.get(sql)));
  }

  insertRequest(
    request: NewUnblockRequest,
    announce: Announce<UnblockRequestRow>,
  ): Promise<UnblockRequestRow | undefined> {
    return insertRequest(this.db, request, announce);
  }

  async getRequest(accountId: string, id: string): Promise<UnblockRequestRow | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const r = await this.run(
      `SELECT ${UNBLOCK_REQUEST_COLUMNS} FROM unblock_requests WHERE account_id = @accountId AND id = @id`,
      (s) => s.get({ accountId, id: Number(id) }),
    );
    return r === undefined ? undefined : requestRow(r as Raw);
  }

  async pendingRequest(accountId: string, address: string): Promise<UnblockRequestRow | undefined> {
    const r = await this.run(
      `SELECT ${UNBLOCK_REQUEST_COLUMNS} FROM unblock_requests
       WHERE account_id = @accountId AND address = @address AND state = 'pending'`,
      (s) => s.get({ accountId, address }),
    );
    return r === undefined ? undefined : requestRow(r as Raw);
  }

  async listRequests(
    accountId: string,
    filter: UnblockRequestFilter,
    page: Keyset,
  ): Promise<UnblockRequestRow[]> {
    const where = ['account_id = @accountId'];
    if (filter.state !== undefined) where.push('state = @state');
    if (filter.address !== undefined) where.push('address = @address');
    if (page.after !== null) where.push('id < @after');
    const rows = await this.run(
      `SELECT ${UNBLOCK_REQUEST_COLUMNS} FROM unblock_requests WHERE ${where.join(' AND ')}
       ORDER BY id DESC LIMIT @limit`,
      (s) =>
        s.all(
          definedParams({
            ...filter,
            accountId,
            after: page.after === null ? undefined : Number(page.after),
            limit: page.limit,
          }),
        ),
    );
    return rows.map((r) => requestRow(r as Raw));
  }

  async listAccounts(): Promise<AccountRow[]> {
    const rows = await this.run(`SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY created_at, rowid`, (s) =>
      s.all(),
    );
    return rows.map((r) => accountRow(r as Raw));
  }

  async blocksBefore(
    accountId: string,
    before: string,
    limit: number,
    after?: { blockedAt: string; address: string },
  ): Promise<AddressRow[]> {
    const page = after === undefined ? '' : 'AND (blocked_at, address) > (@afterAt, @afterAddress)';
    const rows = await this.run(
      `SELECT ${ADDRESS_COLUMNS} FROM addresses
       WHERE account_id = @accountId AND ${EXPIRABLE_BLOCK} AND blocked_at <= @before ${page}
       ORDER BY blocked_at, address LIMIT @limit`,
      (s) =>
        s.all(
          definedParams({
            accountId,
            before,
            limit,
            afterAt: after?.blockedAt,
            afterAddress: after?.address,
          }),
        ),
    );
    return rows.map((r) => addressRow(r as Raw));
  }
}
