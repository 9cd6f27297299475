/**
 * PostgreSQL schema 5 (guard-unblock): unblock requests, and the newest soft bounce of a streak on
 * each address (the quiet period of softStreakExpiryDays counts from it).
 */
export const sql = `
ALTER TABLE addresses ADD COLUMN last_soft_at TIMESTAMPTZ;
-- Streaks already running get their newest soft (or undetermined) bounce, so they can go stale too.
UPDATE addresses SET last_soft_at = (
  SELECT max(e.at) FROM events AS e
  WHERE e.account_id = addresses.account_id AND e.address = addresses.address
    AND e.type = 'bounced' AND e.kind IN ('soft', 'undetermined'))
WHERE status = 'soft';
-- The block-expiry sweep reads the oldest blocks first.
CREATE INDEX addresses_blocked_at ON addresses (account_id, status, blocked_at);

CREATE TABLE unblock_requests (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  address TEXT NOT NULL,
  reason TEXT NOT NULL,
  requested_by TEXT NOT NULL,
  created_at TIMESTAMPTZ NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'approved', 'denied')),
  checks JSONB NOT NULL,
  decided_at TIMESTAMPTZ,
  decided_by TEXT,
  note TEXT,
  consent TEXT
);
-- One open request per address: asking twice is answered with the one already waiting.
CREATE UNIQUE INDEX unblock_requests_pending ON unblock_requests (account_id, address) WHERE state = 'pending';
CREATE INDEX unblock_requests_state ON unblock_requests (account_id, state, id);
CREATE INDEX unblock_requests_address ON unblock_requests (account_id, address, id);
`;
