import type pg from 'pg';
import { ACCOUNT_COLUMNS, ADDRESS_COLUMNS } from '../columns.js';
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
import { Params } from './params.js';
import { accountRow, addressRow } from './rows.js';
import { postgresSqlDb } from './sql-db.js';

type Raw = Record<string, unknown>;

/** Unblock requests on PostgreSQL. */
export class PgUnblockStore implements UnblockStore {
  /** The same pool as a SqlDb, for the changes written with their webhooks. */
  private readonly db: SqlDb;

  constructor(private readonly pool: pg.Pool) {
    this.db = postgresSqlDb(pool);
  }

  private async rows(sql: string, values: unknown[]): Promise<Raw[]> {
    return (await this.pool.query(sql, values)).rows;
  }

  insertRequest(
    request: NewUnblockRequest,
    announce: Announce<UnblockRequestRow>,
  ): Promise<UnblockRequestRow | undefined> {
    return insertRequest(this.db, request, announce);
  }

  async getRequest(accountId: string, id: string): Promise<UnblockRequestRow | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const [row] = await this.rows(
      `SELECT ${UNBLOCK_REQUEST_COLUMNS} FROM unblock_requests WHERE account_id = $1 AND id = $2`,
      [accountId, id],
    );
    return row === undefined ? undefined : requestRow(row);
  }

  async pendingRequest(accountId: string, address: string): Promise<UnblockRequestRow | undefined> {
    const [row] = await this.rows(
      `SELECT ${UNBLOCK_REQUEST_COLUMNS} FROM unblock_requests
       WHERE account_id = $1 AND address = $2 AND state = 'pending'`,
      [accountId, address],
    );
    return row === undefined ? undefined : requestRow(row);
  }

  async listRequests(
    accountId: string,
    filter: UnblockRequestFilter,
    page: Keyset,
  ): Promise<UnblockRequestRow[]> {
    const p = new Params({ ...filter, accountId, after: page.after, limit: page.limit });
    const where = [`account_id = ${p.ref('accountId')}`];
    if (filter.state !== undefined) where.push(`state = ${p.ref('state')}`);
    if (filter.address !== undefined) where.push(`address = ${p.ref('address')}`);
    if (page.after !== null) where.push(`id < ${p.ref('after')}`);
    const rows = await this.rows(
      `SELECT ${UNBLOCK_REQUEST_COLUMNS} FROM unblock_requests WHERE ${where.join(' AND ')}
       ORDER BY id DESC LIMIT ${p.ref('limit')}`,
      p.values,
    );
    return rows.map(requestRow);
  }

  async listAccounts(): Promise<AccountRow[]> {
    const rows = await this.rows(`SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY created_at, id`, []);
    return rows.map(accountRow);
  }

  async blocksBefore(
    accountId: string,
    before: string,
    limit: number,
    after?: { blockedAt: string; address: string },
  ): Promise<AddressRow[]> {
    const page = after === undefined ? '' : 'AND (blocked_at, address) > ($4::timestamptz, $5)';
    const rows = await this.rows(
      `SELECT ${ADDRESS_COLUMNS} FROM addresses
       WHERE account_id = $1 AND ${EXPIRABLE_BLOCK} AND blocked_at <= $2 ${page}
       ORDER BY blocked_at, address LIMIT $3`,
      after === undefined
        ? [accountId, before, limit]
        : [accountId, before, limit, after.blockedAt, after.address],
    );
    return rows.map(addressRow);
  }
}
