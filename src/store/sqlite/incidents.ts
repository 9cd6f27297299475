import type Database from 'better-sqlite3';
import { SqlIncidentStore, type SqlRunner } from '../incident-sql.js';
import type { SerialQueue } from '../serial-queue.js';
import { sqliteSqlDb } from './sql-db.js';
import type { StatementCache } from './statement-cache.js';

/** The incident store on the SQLite connection, through the store's queue so it never splits a transaction. */
export function sqliteIncidentStore(sql: StatementCache, queue: SerialQueue): SqlIncidentStore {
  const statement = (text: string): Database.Statement => sql.get(text);
  const runner: SqlRunner = {
    all: (text, params) => queue.run(() => statement(text).all(params) as Record<string, unknown>[]),
    run: (text, params) => queue.run(() => statement(text).run(params).changes),
  };
  return new SqlIncidentStore(runner, sqliteSqlDb(sql, queue));
}
