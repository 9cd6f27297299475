/** SQLite schema 4: sender incidents, their evidence and repairs, DNS blocklist checks, guard settings. */
export const sql = `
CREATE TABLE incidents (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'open', 'closed')),
  sender TEXT NOT NULL,
  sender_kind TEXT NOT NULL,
  receiving_domain TEXT,
  scope TEXT NOT NULL,
  blocklists TEXT NOT NULL DEFAULT '[]',
  reasons TEXT NOT NULL DEFAULT '[]',
  evidence_count INTEGER NOT NULL DEFAULT 0,
  recipient_count INTEGER NOT NULL DEFAULT 0,
  first_seen TEXT NOT NULL,
  last_seen TEXT NOT NULL,
  opened_at TEXT,
  closed_at TEXT,
  closed_by TEXT,
  close_note TEXT
);
-- One live incident per sender and receiving domain, even with two processes ingesting at once.
CREATE UNIQUE INDEX incidents_live ON incidents (account_id, sender, scope) WHERE state <> 'closed';
CREATE INDEX incidents_state ON incidents (account_id, state, id);
CREATE INDEX incidents_quiet ON incidents (last_seen) WHERE state <> 'closed';

CREATE TABLE incident_evidence (
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  account_id TEXT NOT NULL,
  key TEXT NOT NULL,
  recipient TEXT,
  reason TEXT,
  blocklist TEXT,
  text TEXT NOT NULL,
  at TEXT NOT NULL,
  bounce_id TEXT,
  source TEXT NOT NULL,
  PRIMARY KEY (incident_id, key)
);
CREATE INDEX incident_evidence_at ON incident_evidence (incident_id, at);

CREATE TABLE incident_repairs (
  incident_id INTEGER NOT NULL REFERENCES incidents(id),
  account_id TEXT NOT NULL,
  address TEXT NOT NULL,
  blocked_by TEXT NOT NULL,
  explanation TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (incident_id, address)
);

CREATE TABLE blocklist_checks (
  id INTEGER PRIMARY KEY,
  account_id TEXT NOT NULL REFERENCES accounts(id),
  checked_at TEXT NOT NULL,
  target TEXT NOT NULL,
  target_kind TEXT NOT NULL,
  zone TEXT NOT NULL,
  outcome TEXT NOT NULL CHECK (outcome IN ('listed', 'clear', 'unchecked')),
  codes TEXT NOT NULL DEFAULT '[]',
  meaning TEXT NOT NULL,
  incident_id INTEGER
);
CREATE INDEX blocklist_checks_account ON blocklist_checks (account_id, id);

CREATE TABLE guard_settings (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id),
  settings TEXT NOT NULL,
  last_check_at TEXT
);
`;
