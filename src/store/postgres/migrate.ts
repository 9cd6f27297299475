import type pg from 'pg';
import { pendingMigrations } from '../migrations/migration.js';
import { POSTGRES_MIGRATIONS } from '../migrations/postgres/index.js';
import { onClientInTransaction } from './client-transaction.js';

/** Any constant: every Rebound process that starts takes this lock, so one migrates at a time. */
const MIGRATION_LOCK = 0x7265626f;

/** Brings the schema up to date in one transaction; refuses a database newer than the code. */
export async function migratePostgres(pool: pg.Pool): Promise<void> {
  await onClientInTransaction(pool, async (client) => {
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
    const { rows } = await client.query<{ v: number | null }>(
      'SELECT max(version) AS v FROM schema_migrations',
    );
    for (const m of pendingMigrations(POSTGRES_MIGRATIONS, rows[0]?.v ?? 0)) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())', [
        m.version,
        m.name,
      ]);
    }
  });
}
