/** SQLite schema 6: the dashboard's people and login sessions, and the indexes its pages need. */
export const sql = `
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  email TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  role TEXT NOT NULL CHECK (role IN ('admin', 'user')),
  password_hash TEXT NOT NULL,
  created_at TEXT NOT NULL
);
CREATE INDEX users_account ON users (account_id, email);

CREATE TABLE sessions (
  token_hash TEXT PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  user_id TEXT REFERENCES users(id) ON DELETE CASCADE,
  key_id TEXT REFERENCES api_keys(id) ON DELETE CASCADE,
  csrf_token TEXT NOT NULL,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  CHECK ((user_id IS NULL) <> (key_id IS NULL))
);
CREATE INDEX sessions_expiry ON sessions (expires_at);
CREATE INDEX sessions_user ON sessions (user_id);
CREATE INDEX sessions_key ON sessions (key_id);

-- The Bounces page: newest first, a page at a time, without sorting every bounce (docs/dashboard.md).
CREATE INDEX events_bounce_recent ON events (account_id, id) WHERE bounce_id IS NOT NULL;
CREATE INDEX events_bounce_domain ON events (account_id, domain, id) WHERE bounce_id IS NOT NULL;
-- The Overview's aggregations read only the index, not a row per event.
CREATE INDEX events_stats ON events (account_id, at, type, kind, reason, domain);
`;
