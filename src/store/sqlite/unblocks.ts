import type Database from 'better-sqlite3';
import { ACCOUNT_COLUMNS, ADDRESS_COLUMNS } from '../columns.js';
import { definedParams } from '../keyset.js';
import type { SerialQueue } from '../serial-queue.js';
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
import { accountRow, addressRow } from './rows.js';
import type { StatementCache } from './statement-cache.js';

type Raw = Record<string, unknown>;

const INSERT = `INSERT INTO unblock_requests (account_id, address, reason, requested_by, created_at, state, checks)
  VALUES (@accountId, @address, @reason, @requestedBy, @createdAt, 'pending', @checks)
  ON CONFLICT DO NOTHING RETURNING ${UNBLOCK_REQUEST_COLUMNS}`;

const DECIDE = `UPDATE unblock_requests SET state = @state, decided_at = @decidedAt, decided_by = @decidedBy,
    note = @note, consent = @consent
  WHERE account_id = @accountId AND id = @id AND state = 'pending' RETURNING ${UNBLOCK_REQUEST_COLUMNS}`;

/** Unblock requests on SQLite, through the store's one queue (see SerialQueue). */
export class SqliteUnblockStore implements UnblockStore {
  constructor(
    private readonly sql: StatementCache,
    private readonly queue: SerialQueue,
  ) {}

  private run<T>(sql: string, use: (stmt: Database.Statement) => T): Promise<T> {
    return this.queue.run(() => use(this.sql.get(sql)));
  }

  async insertRequest(request: NewUnblockRequest): Promise<UnblockRequestRow | undefined> {
    const r = await this.run(INSERT, (s) => s.get({ ...request, checks: JSON.stringify(request.checks) }));
    return r === undefined ? undefined : requestRow(r as Raw);
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

  async decideRequest(
    accountId: string,
    id: string,
    decision: UnblockRequestDecision,
  ): Promise<UnblockRequestRow | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const r = await this.run(DECIDE, (s) => s.get({ ...decision, accountId, id: Number(id) }));
    return r === undefined ? undefined : requestRow(r as Raw);
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

function requestRow(r: Raw): UnblockRequestRow {
  return { ...(r as unknown as UnblockRequestRow), id: String(r.id), checks: JSON.parse(r.checks as string) };
}
