import type Database from 'better-sqlite3';
import { pendingMigrations } from '../migrations/migration.js';
import { SQLITE_MIGRATIONS } from '../migrations/sqlite/index.js';

/** Brings the schema up to date in one transaction; refuses a database newer than the code. */
export function migrateSqlite(db: Database.Database): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  db.transaction(() => {
    const row = db.prepare('SELECT max(version) AS v FROM schema_migrations').get() as { v: number | null };
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (@version, @name, @at)',
    );
    for (const m of pendingMigrations(SQLITE_MIGRATIONS, row.v ?? 0)) {
      db.exec(m.sql);
      record.run({ version: m.version, name: m.name, at: new Date().toISOString() });
    }
  }).immediate();
}
