/** SQLite schema 1. Timestamps are ISO 8601 text (UTC, milliseconds), so they sort as text. */
export const sql = `
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  settings TEXT NOT NULL DEFAULT '{}',
  created_at TEXT NOT NULL
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  revoked_at TEXT
);
CREATE INDEX api_keys_account ON api_keys (account_id);

CREATE TABLE addresses (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  address TEXT NOT NULL,
  domain TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('active', 'soft', 'blocked')),
  soft_bounces INTEGER NOT NULL DEFAULT 0,
  reason TEXT,
  explanation TEXT NOT NULL DEFAULT '',
  blocked_at TEXT,
  decided_by TEXT,
  last_event_at TEXT,
  unblocks INTEGER NOT NULL DEFAULT 0,
  updated_at TEXT NOT NULL,
  PRIMARY KEY (account_id, address)
) WITHOUT ROWID;
CREATE INDEX addresses_status ON addresses (account_id, status, address);
CREATE INDEX addresses_reason ON addresses (account_id, reason, address);
CREATE INDEX addresses_domain ON addresses (account_id, domain, address);

CREATE TABLE bounces (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  received_at TEXT NOT NULL,
  sha256 TEXT NOT NULL,
  raw BLOB NOT NULL,
  size INTEGER NOT NULL,
  verdicts TEXT NOT NULL,
  message_id TEXT,
  UNIQUE (account_id, sha256)
);

CREATE TABLE events (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  address TEXT NOT NULL,
  domain TEXT NOT NULL,
  type TEXT NOT NULL,
  at TEXT NOT NULL,
  received_at TEXT NOT NULL,
  reason TEXT,
  kind TEXT,
  status TEXT,
  diagnostic_code TEXT,
  bounce_id INTEGER REFERENCES bounces(id),
  message_id TEXT,
  dedupe_key TEXT,
  data TEXT NOT NULL DEFAULT '{}',
  UNIQUE (account_id, dedupe_key)
);
CREATE INDEX events_address ON events (account_id, address, at, id);
CREATE INDEX events_at ON events (account_id, at);
CREATE INDEX events_bounce ON events (account_id, bounce_id) WHERE bounce_id IS NOT NULL;
`;
