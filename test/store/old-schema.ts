/**
 * A database as an older Rebound left it, for migration tests: `setup` (its schema, its
 * `schema_migrations` rows and its data) runs behind the store's back, then the store opens it, which
 * migrates, and `check` looks. PostgreSQL in a fresh schema, skipped visibly when unreachable.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestContext } from 'node:test';
import Database from 'better-sqlite3';
import pg from 'pg';
import { openPostgresStore } from '../../src/store/postgres/pg-store.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import type { Store } from '../../src/store/store.js';
import { PG_URL } from './backends.js';

type Check = (store: Store) => Promise<void>;

export async function onOldSqlite(setup: string, check: Check): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-old-'));
  try {
    const file = join(dir, 'old.db');
    const db = new Database(file);
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      ${setup}`);
    db.close();
    const store = openSqliteStore(file);
    try {
      await check(store);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function onOldPostgres(t: TestContext, setup: string, check: Check): Promise<void> {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (error) {
    t.skip(`PostgreSQL not reachable at ${PG_URL} (${(error as Error).message})`);
    return;
  }
  const schema = `rebound_old_${randomBytes(6).toString('hex')}`;
  try {
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.query(`SET search_path = ${schema};
      CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL);
      ${setup}`);
    const store = await openPostgresStore({ connectionString: PG_URL, schema, max: 2 });
    try {
      await check(store);
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
