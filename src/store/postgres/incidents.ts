import type pg from 'pg';
import { SqlIncidentStore, type SqlRunner } from '../incident-sql.js';
import { Params } from './params.js';
import { postgresSqlDb } from './sql-db.js';

/** `@name` placeholders -> `$n`, bound in order of appearance (a name used twice binds twice). */
function positional(sql: string, values: Record<string, unknown>): { text: string; values: unknown[] } {
  const params = new Params(values);
  const text = sql.replace(/@([A-Za-z]\w*)/g, (_match, name: string) => params.ref(name));
  return { text, values: params.values };
}

export function postgresIncidentStore(pool: pg.Pool): SqlIncidentStore {
  const runner: SqlRunner = {
    all: async (sql, params) => {
      const { text, values } = positional(sql, params);
      return (await pool.query(text, values)).rows as Record<string, unknown>[];
    },
    run: async (sql, params) => {
      const { text, values } = positional(sql, params);
      return (await pool.query(text, values)).rowCount ?? 0;
    },
  };
  return new SqlIncidentStore(runner, postgresSqlDb(pool));
}
