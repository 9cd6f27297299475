import { openPostgresStore } from './postgres/pg-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

export const DEFAULT_SQLITE_FILE = './data/rebound.db';

/**
 * The store the environment asks for: PostgreSQL when DATABASE_URL is a postgres:// URL, else
 * SQLite at REBOUND_DB (default ./data/rebound.db).
 */
export async function openStore(env: Record<string, string | undefined> = process.env): Promise<Store> {
  const url = env.DATABASE_URL;
  if (url !== undefined && url !== '') {
    if (!/^postgres(ql)?:\/\//.test(url))
      throw new TypeError('DATABASE_URL must start with postgres:// or postgresql://');
    return openPostgresStore({ connectionString: url });
  }
  return openSqliteStore(env.REBOUND_DB || DEFAULT_SQLITE_FILE);
}
