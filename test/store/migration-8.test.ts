/** Schema 8 on a database that already holds events: the counters are filled, the statistics unchanged. */
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
import { domainOf, type Store } from '../../src/store/store.js';
import { PG_URL } from './backends.js';
import { assertSameCounts, type Query, randomEvent, randomRange, seeded, testSeed } from './stats-oracle.js';

const EVENTS = 600;

/** Every migration before 8, then the events written with plain SQL as an older Rebound stored them. */
function olderDatabase(migrations: readonly Migration[], seed: number, placeholder: (i: number) => string) {
  const rnd = seeded(seed);
  const before = migrations.filter((m) => m.version < 8);
  const events = Array.from({ length: EVENTS }, () => randomEvent(rnd, rnd() < 0.7 ? 'acc1' : 'acc2'));
  const values = events.map((e) => [
    e.accountId,
    e.address,
    domainOf(e.address),
    e.type,
    e.at,
    e.receivedAt,
    e.reason,
    e.kind,
  ]);
  const insert = `INSERT INTO events (account_id, address, domain, type, at, received_at, reason, kind)
    VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map(placeholder).join(', ')})`;
  const schema = `${before.map((m) => m.sql).join(';\n')};
    INSERT INTO accounts (id, name, settings, created_at) VALUES ('acc1', 'a', '{}', '2025-01-01T00:00:00.000Z'),
      ('acc2', 'b', '{}', '2025-01-01T00:00:00.000Z');`;
  return { before, values, insert, schema, rnd };
}

async function compare(store: Store, query: Query, seed: number, rnd: () => number): Promise<void> {
  const context = `seed ${seed} (REBOUND_TEST_SEED=${seed} replays it)`;
  const whole = { from: '2026-02-20T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' };
  await assertSameCounts(store, query, 'acc1', whole, context);
  await assertSameCounts(store, query, 'acc2', whole, context);
  for (let i = 0; i < 10; i++) await assertSameCounts(store, query, 'acc1', randomRange(rnd), context);
}

test('sqlite: schema 8 fills the counters from the events already stored', async () => {
  const seed = testSeed();
  const dir = mkdtempSync(join(tmpdir(), 'rebound-m8-'));
  try {
    const file = join(dir, 'old.db');
    const old = olderDatabase(SQLITE_MIGRATIONS, seed, () => '?');
    const db = new Database(file);
    db.exec(`CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL);
      ${old.schema}`);
    const record = db.prepare("INSERT INTO schema_migrations VALUES (?, ?, '2025-01-01')");
    for (const m of old.before) record.run(m.version, m.name);
    const insert = db.prepare(old.insert);
    for (const v of old.values) insert.run(...v);
    db.close();
    const store = openSqliteStore(file);
    const query: Query = async (sql, params) => {
      const reader = new Database(file, { readonly: true });
      try {
        return reader.prepare(sql).all(...params) as Record<string, unknown>[];
      } finally {
        reader.close();
      }
    };
    try {
      await compare(store, query, seed, old.rnd);
    } finally {
      await store.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test('postgres: schema 8 fills the counters from the events already stored', async (t) => {
  const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch (error) {
    t.skip(`PostgreSQL not reachable at ${PG_URL} (${(error as Error).message})`);
    return;
  }
  const seed = testSeed();
  const schema = `rebound_m8_${randomBytes(6).toString('hex')}`;
  try {
    const old = olderDatabase(POSTGRES_MIGRATIONS, seed, (i) => `$${i}`);
    await admin.query(`CREATE SCHEMA ${schema}; SET search_path = ${schema};
      CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL);
      ${old.schema}`);
    for (const m of old.before)
      await admin.query('INSERT INTO schema_migrations VALUES ($1, $2, now())', [m.version, m.name]);
    for (const v of old.values) await admin.query(old.insert, v);
    const store = await openPostgresStore({ connectionString: PG_URL, schema, max: 2 });
    const query: Query = async (sql, params) =>
      (await admin.query(sql, params)).rows as Record<string, unknown>[];
    try {
      await compare(store, query, seed, old.rnd);
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
});
