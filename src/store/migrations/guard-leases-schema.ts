/**
 * Schema 7 (the guard's durability seams), the part both dialects write alike: leases for work that one
 * process at a time should do (the alert re-evaluation), holder and expiry as ISO 8601 text in UTC like
 * the rest of the guard's tables.
 */
export const GUARD_LEASES = `
CREATE TABLE guard_leases (
  name TEXT PRIMARY KEY,
  holder TEXT NOT NULL,
  expires_at TEXT NOT NULL
);
`;

/**
 * Sender-incident repairs were stored as admin unblocks (dedupe key `incident-repair:INCIDENT:ADDRESS`)
 * and counted towards maxUnblocks. They become `sender-repair` signals, and each address gives back the
 * unblocks its repairs counted: those that changed its state (a state change names them as its cause).
 * `causedBy` is the dialect's JSON read of a state change's cause, as text.
 */
export function uncountRepairs(causedBy: string, atLeastZero: (expr: string) => string): string {
  const repairs = (e: string) => `${e}.type = 'admin-unblock' AND ${e}.dedupe_key LIKE 'incident-repair:%'`;
  const counted = `SELECT count(*) FROM events r JOIN events c ON c.account_id = r.account_id
      AND c.address = r.address AND c.type = 'state-changed' AND ${causedBy} = CAST(r.id AS TEXT)
    WHERE r.account_id = addresses.account_id AND r.address = addresses.address AND ${repairs('r')}`;
  return `
UPDATE addresses SET unblocks = ${atLeastZero(`unblocks - (${counted})`)}
WHERE (account_id, address) IN (SELECT account_id, address FROM events WHERE ${repairs('events')});
UPDATE events SET type = 'sender-repair' WHERE ${repairs('events')};
`;
}
