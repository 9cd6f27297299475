/** PostgreSQL schema 1. */
export const sql = `
CREATE TABLE accounts (
  id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  settings JSONB NOT NULL DEFAULT '{}',
  created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE api_keys (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
  name TEXT NOT NULL,
  secret_hash TEXT NOT NULL UNIQUE,
  created_at TIMESTAMPTZ NOT NULL,
  revoked_at TIMESTAMPTZ
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
  blocked_at TIMESTAMPTZ,
  decided_by TEXT,
  last_event_at TIMESTAMPTZ,
  unblocks INTEGER NOT NULL DEFAULT 0,
  updated_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (account_id, address)
);
CREATE INDEX addresses_status ON addresses (account_id, status, address);
CREATE INDEX addresses_reason ON addresses (account_id, reason, address);
CREATE INDEX addresses_domain ON addresses (account_id, domain, address);

CREATE TABLE bounces (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  received_at TIMESTAMPTZ NOT NULL,
  sha256 TEXT NOT NULL,
  raw BYTEA NOT NULL,
  size INTEGER NOT NULL,
  verdicts JSONB NOT NULL,
  message_id TEXT,
  UNIQUE (account_id, sha256)
);

CREATE TABLE events (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  address TEXT NOT NULL,
  domain TEXT NOT NULL,
  type TEXT NOT NULL,
  at TIMESTAMPTZ NOT NULL,
  received_at TIMESTAMPTZ NOT NULL,
  reason TEXT,
  kind TEXT,
  status TEXT,
  diagnostic_code TEXT,
  bounce_id BIGINT REFERENCES bounces(id),
  message_id TEXT,
  dedupe_key TEXT,
  data JSONB NOT NULL DEFAULT '{}',
  UNIQUE (account_id, dedupe_key)
);
CREATE INDEX events_address ON events (account_id, address, at, id);
CREATE INDEX events_at ON events (account_id, at);
CREATE INDEX events_bounce ON events (account_id, bounce_id) WHERE bounce_id IS NOT NULL;
`;
