/**
 * Schema 7 on a database at schema 6: sender-incident repairs stored as admin unblocks become
 * `sender-repair` signals and give back the unblock they counted (only those that changed the state).
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { POSTGRES_MIGRATIONS } from '../../src/store/migrations/postgres/index.js';
import { SQLITE_MIGRATIONS } from '../../src/store/migrations/sqlite/index.js';
import type { Migration } from '../../src/store/migrations/migration.js';
import { openPostgresStore } from '../../src/store/postgres/pg-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { PG_URL } from './backends.js';

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

test('sqlite: schema 7 turns old repairs into sender-repair signals that do not count', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-m7-'));
  try {
    const file = join(dir, 'old.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      ${upToSix(SQLITE_MIGRATIONS)}
      ${data((text) => text)}`);
    db.close();
    const store = openSqliteStore(file);
    try {
      await assertRepairsUncounted(store);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('postgres: schema 7 turns old repairs into sender-repair signals that do not count', async (t) => {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (error) {
    t.skip(`PostgreSQL not reachable at ${PG_URL} (${(error as Error).message})`);
    return;
  }
  const schema = `rebound_m7_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema};
      CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL);
      ${upToSix(POSTGRES_MIGRATIONS)}
      ${data((text) => `CAST(${text} AS JSONB)`)}`);
    const store = await openPostgresStore({ connectionString: PG_URL, schema, max: 2 });
    try {
      await assertRepairsUncounted(store);
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});
