/** Schema 5 on a database made by schema 1: running soft streaks get their newest soft bounce. */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { sql as pgInitial } from '../../src/store/migrations/postgres/0001-initial.js';
import { sql as sqliteInitial } from '../../src/store/migrations/sqlite/0001-initial.js';
import { openPostgresStore } from '../../src/store/postgres/pg-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { PG_URL } from './backends.js';

/** An account with a soft streak (two soft bounces, an undetermined one, a sender refusal) and a blocked address. */
const DATA = `
INSERT INTO accounts (id, name, settings, created_at) VALUES ('acc', 'a', '{}', '2025-01-01T00:00:00.000Z');
INSERT INTO addresses (account_id, address, domain, status, soft_bounces, updated_at)
  VALUES ('acc', 'soft@example.org', 'example.org', 'soft', 3, '2025-01-05T00:00:00.000Z'),
         ('acc', 'dead@example.org', 'example.org', 'blocked', 0, '2025-01-05T00:00:00.000Z');
INSERT INTO events (account_id, address, domain, type, at, received_at, kind)
  VALUES ('acc', 'soft@example.org', 'example.org', 'bounced', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z', 'soft'),
         ('acc', 'soft@example.org', 'example.org', 'bounced', '2025-01-04T00:00:00.000Z', '2025-01-04T00:00:00.000Z', 'undetermined'),
         ('acc', 'soft@example.org', 'example.org', 'bounced', '2025-01-03T00:00:00.000Z', '2025-01-03T00:00:00.000Z', 'soft'),
         ('acc', 'soft@example.org', 'example.org', 'bounced', '2025-01-09T00:00:00.000Z', '2025-01-09T00:00:00.000Z', 'sender'),
         ('acc', 'dead@example.org', 'example.org', 'bounced', '2025-01-03T00:00:00.000Z', '2025-01-03T00:00:00.000Z', 'soft');
`;

async function assertBackfilled(store: Store): Promise<void> {
  const rows = await store.getAddresses('acc', ['soft@example.org', 'dead@example.org']);
  assert.equal(rows.get('soft@example.org')?.lastSoftAt, '2025-01-04T00:00:00.000Z');
  assert.equal(rows.get('dead@example.org')?.lastSoftAt, null, 'only running streaks');
}

test('sqlite: schema 5 fills lastSoftAt of running soft streaks', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-m5-'));
  try {
    const file = join(dir, 'old.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      ${sqliteInitial}
      INSERT INTO schema_migrations VALUES (1, 'initial', '2025-01-01');
      ${DATA}`);
    db.close();
    const store = openSqliteStore(file);
    try {
      await assertBackfilled(store);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('postgres: schema 5 fills lastSoftAt of running soft streaks', async (t) => {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (error) {
    t.skip(`PostgreSQL not reachable at ${PG_URL} (${(error as Error).message})`);
    return;
  }
  const schema = `rebound_m5_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema};
      CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL);
      ${pgInitial}
      INSERT INTO schema_migrations VALUES (1, 'initial', now());
      ${DATA}`);
    const store = await openPostgresStore({ connectionString: PG_URL, schema, max: 2 });
    try {
      await assertBackfilled(store);
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});
