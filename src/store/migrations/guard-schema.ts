/**
 * Schema 3 (the deliverability guard): outbound webhooks with their outbox, alert counters, alerts and
 * pauses. One text for both dialects: timestamps are ISO 8601 text in UTC (they sort as text, and the
 * guard only compares them), ids are database sequences.
 */
export function guardSchema(serial: string, real: string): string {
  return `
CREATE TABLE webhook_subscriptions (
  id ${serial},
  account_id TEXT NOT NULL REFERENCES accounts(id),
  url TEXT NOT NULL,
  secret TEXT NOT NULL,
  event_types TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  created_at TEXT NOT NULL,
  deleted_at TEXT
);
CREATE INDEX webhook_subscriptions_account ON webhook_subscriptions (account_id, id);

CREATE TABLE guard_events (
  id ${serial},
  account_id TEXT NOT NULL REFERENCES accounts(id),
  type TEXT NOT NULL,
  at TEXT NOT NULL,
  body TEXT NOT NULL
);

CREATE TABLE webhook_deliveries (
  id ${serial},
  subscription_id BIGINT NOT NULL REFERENCES webhook_subscriptions(id),
  event_id BIGINT NOT NULL REFERENCES guard_events(id),
  state TEXT NOT NULL CHECK (state IN ('pending', 'delivered', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at TEXT NOT NULL,
  lease_until TEXT,
  response_code INTEGER,
  error TEXT,
  created_at TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE INDEX webhook_deliveries_head ON webhook_deliveries (subscription_id, id) WHERE state = 'pending';
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE state = 'pending';

CREATE TABLE rate_buckets (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  scope_kind TEXT NOT NULL,
  scope_key TEXT NOT NULL,
  hour TEXT NOT NULL,
  sent INTEGER NOT NULL DEFAULT 0,
  bounced INTEGER NOT NULL DEFAULT 0,
  complained INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (account_id, scope_kind, scope_key, hour)
);
CREATE INDEX rate_buckets_hour ON rate_buckets (hour);

CREATE TABLE campaign_sends (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  message_id TEXT NOT NULL,
  address TEXT NOT NULL,
  campaign TEXT NOT NULL,
  at TEXT NOT NULL,
  PRIMARY KEY (account_id, message_id, address)
);

CREATE TABLE alert_settings (
  account_id TEXT PRIMARY KEY REFERENCES accounts(id),
  settings TEXT NOT NULL
);

CREATE TABLE alerts (
  id ${serial},
  account_id TEXT NOT NULL REFERENCES accounts(id),
  scope_kind TEXT NOT NULL,
  scope_key TEXT NOT NULL,
  metric TEXT NOT NULL CHECK (metric IN ('bounce', 'complaint')),
  level TEXT NOT NULL CHECK (level IN ('warn', 'critical')),
  state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
  rate ${real} NOT NULL,
  count INTEGER NOT NULL,
  sent INTEGER NOT NULL,
  threshold ${real} NOT NULL,
  window_hours INTEGER NOT NULL,
  explanation TEXT NOT NULL,
  opened_at TEXT NOT NULL,
  updated_at TEXT NOT NULL,
  closed_at TEXT
);
CREATE UNIQUE INDEX alerts_open ON alerts (account_id, scope_kind, scope_key, metric) WHERE state = 'open';
CREATE INDEX alerts_account ON alerts (account_id, id);

CREATE TABLE pauses (
  id ${serial},
  account_id TEXT NOT NULL REFERENCES accounts(id),
  scope_kind TEXT NOT NULL,
  scope_key TEXT NOT NULL,
  alert_id BIGINT REFERENCES alerts(id),
  actor TEXT NOT NULL,
  note TEXT NOT NULL,
  explanation TEXT NOT NULL,
  created_at TEXT NOT NULL,
  resumed_at TEXT,
  resumed_by TEXT,
  resume_note TEXT
);
CREATE UNIQUE INDEX pauses_active ON pauses (account_id, scope_kind, scope_key) WHERE resumed_at IS NULL;
CREATE INDEX pauses_account ON pauses (account_id, id);
`;
}
