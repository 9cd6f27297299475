import type { GateRow } from './store.js';

/**
 * Column lists shared by both dialects, aliased to the row types' field names so rows need little
 * mapping. Quoted aliases keep their case on PostgreSQL.
 */
export const ADDRESS_COLUMNS = `account_id AS "accountId", address, status, soft_bounces AS "softBounces",
  reason, explanation, blocked_at AS "blockedAt", decided_by AS "decidedBy",
  last_event_at AS "lastEventAt", unblocks, updated_at AS "updatedAt", last_soft_at AS "lastSoftAt"`;

export const EVENT_COLUMNS = `id, account_id AS "accountId", address, type, at, received_at AS "receivedAt",
  reason, kind, status, diagnostic_code AS "diagnosticCode", bounce_id AS "bounceId",
  message_id AS "messageId", dedupe_key AS "dedupeKey", data`;

export const BOUNCE_COLUMNS = `id, account_id AS "accountId", received_at AS "receivedAt", sha256, size,
  verdicts, message_id AS "messageId"`;

export const API_KEY_COLUMNS = `id, account_id AS "accountId", role, name, secret_hash AS "secretHash",
  created_at AS "createdAt", revoked_at AS "revokedAt"`;

export const ACCOUNT_COLUMNS = `id, name, settings, created_at AS "createdAt"`;

/** Event types that are signals to the policy (everything but the state changes it produced). */
export const STATE_CHANGED = 'state-changed';

/**
 * The send gate's columns, selected after one leading column that identifies the address (the address
 * itself, or its index in the list sent). Read as arrays by gateRow.
 */
export const GATE_COLUMNS = 'status, soft_bounces, reason, explanation, blocked_at, last_soft_at';

export function gateRow(r: unknown[]): GateRow {
  return {
    status: r[1],
    softBounces: r[2],
    reason: r[3],
    explanation: r[4],
    blockedAt: r[5],
    lastSoftAt: r[6],
  } as GateRow;
}
