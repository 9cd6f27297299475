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

/**
 * The stores every suite runs on. SQLite always, in a temporary file (so a test can close and reopen
 * it); PostgreSQL in a fresh schema per store, dropped afterwards, skipped visibly when unreachable.
 */
export interface Harness {
  store: Store;
  /** Closes the store and opens the same database again: a restart. */
  reopen(): Promise<Store>;
  /** A second store on the same database, as another process would open it; the caller closes it. */
  another(): Promise<Store>;
  /** Writes a schema version newer than the code knows, behind the store's back. */
  setSchemaVersion(version: number): Promise<void>;
  /** Rows of a query run behind the store's back, on its own connection (placeholders `?` / `$n`). */
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  dispose(): Promise<void>;
}

export interface Backend {
  name: 'sqlite' | 'postgres';
  /** The harness, or undefined after marking the test skipped. */
  open(t: TestContext): Promise<Harness | undefined>;
}

export const PG_URL = process.env.REBOUND_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

const sqlite: Backend = {
  name: 'sqlite',
  async open() {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-store-'));
    const file = join(dir, 'rebound.db');
    const h: Harness = {
      store: openSqliteStore(file),
      async reopen() {
        await h.store.close();
        h.store = openSqliteStore(file);
        return h.store;
      },
      another: async () => openSqliteStore(file),
      async setSchemaVersion(version) {
        const db = new Database(file);
        db.prepare(
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, 'future', '2099-01-01')",
        ).run(version);
        db.close();
      },
      async query(sql, params) {
        const db = new Database(file, { readonly: true });
        try {
          return db.prepare(sql).all(...params) as Record<string, unknown>[];
        } finally {
          db.close();
        }
      },
      async dispose() {
        await h.store.close().catch(() => undefined);
        rmSync(dir, { recursive: true, force: true });
      },
    };
    return h;
  },
};

let reachable: Promise<string | undefined> | undefined;

/** undefined when PostgreSQL answers, else why not. Asked once per process. */
function pgProblem(): Promise<string | undefined> {
  reachable ??= (async () => {
    const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return undefined;
    } catch (err) {
      return (err as Error).message;
    } finally {
      await client.end().catch(() => undefined);
    }
  })();
  return reachable;
}

/** Rows of a statement run on a connection of its own, as the database's administrator. */
export async function admin(
  sql: string,
  params: unknown[] = [],
  schema?: string,
): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({
    connectionString: PG_URL,
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
  });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

const postgres: Backend = {
  name: 'postgres',
  async open(t) {
    const problem = await pgProblem();
    if (problem !== undefined) {
      t.skip(`PostgreSQL not reachable at ${PG_URL} (${problem}): set REBOUND_TEST_PG=postgres://...`);
      return undefined;
    }
    const schema = `rebound_test_${randomBytes(6).toString('hex')}`;
    await admin(`CREATE SCHEMA ${schema}`);
    const open = () => openPostgresStore({ connectionString: PG_URL, schema, max: 4 });
    const h: Harness = {
      store: await open(),
      async reopen() {
        await h.store.close();
        h.store = await open();
        return h.store;
      },
      another: open,
      async setSchemaVersion(version) {
        await admin(
          `INSERT INTO ${schema}.schema_migrations (version, name, applied_at) VALUES (${version}, 'future', now())`,
        );
      },
      query: (sql, params) => admin(sql, params, schema),
      async dispose() {
        await h.store.close().catch(() => undefined);
        await admin(`DROP SCHEMA ${schema} CASCADE`);
      },
    };
    return h;
  },
};

export const BACKENDS: readonly Backend[] = [sqlite, postgres];

/** Runs fn on a fresh store of the backend and disposes of it, whatever happens. */
export async function withStore(
  backend: Backend,
  t: TestContext,
  fn: (h: Harness) => Promise<void>,
): Promise<void> {
  const h = await backend.open(t);
  if (h === undefined) return;
  try {
    await fn(h);
  } finally {
    await h.dispose();
  }
}

/** A raw connection to a database being built by hand, as an older Rebound left it. */
export interface OlderDb {
  dialect: 'sqlite' | 'postgres';
  /** Runs statements (several allowed, no parameters). */
  exec(sql: string): Promise<void>;
  /** One statement with parameters (`?` / `$n`); its rows, [] for a write. */
  query(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
}

/**
 * A migration test: `build` writes an older database (an empty `schema_migrations` is there, the rest is
 * up to it) on a raw connection, then `check` gets a store opened on it, which migrates it, and that
 * connection. SQLite in a temporary file; PostgreSQL in a fresh schema, skipped visibly when unreachable.
 */
export async function withOlderDatabase(
  dialect: 'sqlite' | 'postgres',
  t: TestContext,
  build: (db: OlderDb) => Promise<void>,
  check: (store: Store, db: OlderDb) => Promise<void>,
): Promise<void> {
  if (dialect === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-older-'));
    const raw = new Database(join(dir, 'old.db'));
    const db: OlderDb = {
      dialect,
      exec: async (sql) => void raw.exec(sql),
      async query(sql, params) {
        const stmt = raw.prepare(sql);
        if (stmt.reader) return stmt.all(...params) as Record<string, unknown>[];
        stmt.run(...params);
        return [];
      },
    };
    try {
      await db.exec(
        'CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)',
      );
      await build(db);
      const store = openSqliteStore(join(dir, 'old.db'));
      try {
        await check(store, db);
      } finally {
        await store.close();
      }
    } finally {
      raw.close();
      rmSync(dir, { recursive: true, force: true });
    }
    return;
  }
  const problem = await pgProblem();
  if (problem !== undefined) {
    t.skip(`PostgreSQL not reachable at ${PG_URL} (${problem})`);
    return;
  }
  const schema = `rebound_older_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  const db: OlderDb = {
    dialect,
    exec: async (sql) => void (await admin.query(sql)),
    query: async (sql, params) => (await admin.query(sql, params)).rows as Record<string, unknown>[],
  };
  try {
    await db.exec(`CREATE SCHEMA ${schema}; SET search_path = ${schema};
      CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TIMESTAMPTZ NOT NULL)`);
    await build(db);
    const store = await openPostgresStore({ connectionString: PG_URL, schema, max: 2 });
    try {
      await check(store, db);
    } finally {
      await store.close();
    }
  } finally {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
    await admin.end();
  }
}
