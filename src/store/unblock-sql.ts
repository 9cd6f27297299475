/**
 * The two state changes of an unblock request, on either database (a SqlDb): stored and decided, each
 * written with the events that announce it, in one transaction.
 */
import type { Announce } from './outbox.js';
import type { SqlDb, SqlRow } from './sql-db.js';
import {
  UNBLOCK_REQUEST_COLUMNS,
  type NewUnblockRequest,
  type UnblockRequestDecision,
  type UnblockRequestRow,
} from './unblocks.js';
import { announcedWrite, isId } from './webhook-sql.js';

const INSERT = `INSERT INTO unblock_requests (account_id, address, reason, requested_by, created_at, state, checks)
  VALUES (@accountId, @address, @reason, @requestedBy, @createdAt, 'pending', @checks)
  ON CONFLICT DO NOTHING RETURNING ${UNBLOCK_REQUEST_COLUMNS}`;

const DECIDE = `UPDATE unblock_requests SET state = @state, decided_at = @decidedAt, decided_by = @decidedBy,
    note = @note, consent = @consent
  WHERE account_id = @accountId AND id = @id AND state = 'pending' RETURNING ${UNBLOCK_REQUEST_COLUMNS}`;

export function insertRequest(
  db: SqlDb,
  request: NewUnblockRequest,
  announce: Announce<UnblockRequestRow>,
): Promise<UnblockRequestRow | undefined> {
  const params = { ...request, checks: JSON.stringify(request.checks) };
  return announcedWrite(db, announce, INSERT, params, requestRow);
}

export async function decideRequest(
  db: SqlDb,
  accountId: string,
  id: string,
  decision: UnblockRequestDecision,
  announce: Announce<UnblockRequestRow>,
): Promise<UnblockRequestRow | undefined> {
  if (!isId(id)) return undefined;
  return announcedWrite(db, announce, DECIDE, { ...decision, accountId, id: Number(id) }, requestRow);
}

/** SQLite keeps the checks as JSON text, PostgreSQL as jsonb (read back parsed). */
export function requestRow(r: SqlRow): UnblockRequestRow {
  const checks = typeof r.checks === 'string' ? (JSON.parse(r.checks) as unknown) : r.checks;
  return { ...(r as unknown as UnblockRequestRow), id: String(r.id), checks } as UnblockRequestRow;
}
