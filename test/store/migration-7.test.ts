/**
 * Schema 7 on a database at schema 6: sender-incident repairs stored as admin unblocks become
 * `sender-repair` signals and give back the unblock they counted (only those that changed the state).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Migration } from '../../src/store/migrations/migration.js';
import { POSTGRES_MIGRATIONS } from '../../src/store/migrations/postgres/index.js';
import { SQLITE_MIGRATIONS } from '../../src/store/migrations/sqlite/index.js';
import type { Store } from '../../src/store/store.js';
import { withOlderDatabase } from './backends.js';

const T = '2025-01-05T00:00:00.000Z';

/**
 * fixed@ was repaired (its state changed) and once unblocked by an admin: 2 counted, 1 real.
 * late@ got a repair that found it no longer blocked (no state change): nothing to give back.
 */
const data = (json: (text: string) => string): string => `
INSERT INTO accounts (id, name, settings, created_at) VALUES ('acc', 'a', '{}', '${T}');
INSERT INTO addresses (account_id, address, domain, status, soft_bounces, unblocks, updated_at)
  VALUES ('acc', 'fixed@example.org', 'example.org', 'active', 0, 2, '${T}'),
         ('acc', 'late@example.org', 'example.org', 'active', 0, 0, '${T}');
INSERT INTO events (account_id, address, domain, type, at, received_at, dedupe_key, data) VALUES
  ('acc', 'fixed@example.org', 'example.org', 'admin-unblock', '${T}', '${T}', 'incident-repair:1:fixed@example.org', '{"actor":"incident:1"}'),
  ('acc', 'fixed@example.org', 'example.org', 'admin-unblock', '${T}', '${T}', NULL, '{"actor":"admin"}'),
  ('acc', 'late@example.org', 'example.org', 'admin-unblock', '${T}', '${T}', 'incident-repair:1:late@example.org', '{"actor":"incident:1"}');
INSERT INTO events (account_id, address, domain, type, at, received_at, data)
  SELECT account_id, address, domain, 'state-changed', at, received_at,
    ${json(`'{"from":"blocked","to":"active","causedBy":"' || CAST(id AS TEXT) || '"}'`)}
  FROM events WHERE type = 'admin-unblock' AND address = 'fixed@example.org';
`;

/** Schema 6, with the rows it could hold. */
function upToSix(migrations: readonly Migration[]): string {
  return migrations
    .filter((m) => m.version <= 6)
    .map((m) => `${m.sql}\nINSERT INTO schema_migrations VALUES (${m.version}, '${m.name}', '${T}');`)
    .join('\n');
}

async function assertRepairsUncounted(store: Store): Promise<void> {
  const rows = await store.getAddresses('acc', ['fixed@example.org', 'late@example.org']);
  assert.equal(rows.get('fixed@example.org')?.unblocks, 1, 'the admin unblock still counts');
  assert.equal(rows.get('late@example.org')?.unblocks, 0);
  const types = (await store.addressHistory('acc', 'fixed@example.org')).map((e) => e.type).sort();
  assert.deepEqual(types, ['admin-unblock', 'sender-repair', 'state-changed', 'state-changed']);
}

const SCHEMA = { sqlite: SQLITE_MIGRATIONS, postgres: POSTGRES_MIGRATIONS } as const;
const JSON_VALUE = {
  sqlite: (text: string) => text,
  postgres: (text: string) => `CAST(${text} AS JSONB)`,
} as const;

for (const dialect of ['sqlite', 'postgres'] as const) {
  test(`${dialect}: schema 7 turns old repairs into sender-repair signals that do not count`, (t) =>
    withOlderDatabase(
      dialect,
      t,
      (db) => db.exec(`${upToSix(SCHEMA[dialect])}\n${data(JSON_VALUE[dialect])}`),
      assertRepairsUncounted,
    ));
}
