/** PostgreSQL schema 2: per-account settings of the capture paths (src/store/capture-settings.ts). */
export const sql = `
CREATE TABLE capture_settings (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  area TEXT NOT NULL,
  value JSONB NOT NULL,
  updated_at TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (account_id, area)
);
`;
