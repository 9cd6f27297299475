import type pg from 'pg';
import { ACCOUNT_COLUMNS, ADDRESS_COLUMNS } from '../columns.js';
import type { AccountRow, AddressRow, Keyset } from '../store.js';
import {
  EXPIRABLE_BLOCK,
  UNBLOCK_REQUEST_COLUMNS,
  type NewUnblockRequest,
  type UnblockRequestDecision,
  type UnblockRequestFilter,
  type UnblockRequestRow,
  type UnblockStore,
} from '../unblocks.js';
import { Params } from './params.js';
import { accountRow, addressRow } from './rows.js';

type Raw = Record<string, unknown>;

const INSERT = `INSERT INTO unblock_requests (account_id, address, reason, requested_by, created_at, state, checks)
  VALUES ($1, $2, $3, $4, $5, 'pending', $6) ON CONFLICT DO NOTHING RETURNING ${UNBLOCK_REQUEST_COLUMNS}`;

const DECIDE = `UPDATE unblock_requests SET state = $3, decided_at = $4, decided_by = $5, note = $6, consent = $7
  WHERE account_id = $1 AND id = $2 AND state = 'pending' RETURNING ${UNBLOCK_REQUEST_COLUMNS}`;

/** Unblock requests on PostgreSQL. */
export class PgUnblockStore implements UnblockStore {
  constructor(private readonly pool: pg.Pool) {}

  private async rows(sql: string, values: unknown[]): Promise<Raw[]> {
    return (await this.pool.query(sql, values)).rows;
  }

  async insertRequest(r: NewUnblockRequest): Promise<UnblockRequestRow | undefined> {
    const [row] = await this.rows(INSERT, [
      r.accountId,
      r.address,
      r.reason,
      r.requestedBy,
      r.createdAt,
      JSON.stringify(r.checks),
    ]);
    return row === undefined ? undefined : requestRow(row);
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

  async decideRequest(
    accountId: string,
    id: string,
    d: UnblockRequestDecision,
  ): Promise<UnblockRequestRow | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const [row] = await this.rows(DECIDE, [
      accountId,
      id,
      d.state,
      d.decidedAt,
      d.decidedBy,
      d.note,
      d.consent,
    ]);
    return row === undefined ? undefined : requestRow(row);
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

function requestRow(r: Raw): UnblockRequestRow {
  return { ...(r as unknown as UnblockRequestRow), id: String(r.id) };
}
