/**
 * The little a dialect-neutral store module needs from a database: named parameters (`@name`), rows as
 * plain objects, and a transaction. The SQLite and PostgreSQL stores each hand one out, so the guard's
 * tables are written once (src/store/guard-sql.ts) in SQL both databases read the same way.
 */
export type SqlParams = Record<string, string | number | null>;
export type SqlRow = Record<string, unknown>;

export interface SqlDb {
  readonly dialect: 'sqlite' | 'postgres';
  /** Rows of a query, or of a write with RETURNING; [] for a write without. */
  all(sql: string, params?: SqlParams): Promise<SqlRow[]>;
  /** Runs fn with a handle whose statements all belong to one transaction. */
  tx<T>(fn: (db: SqlDb) => Promise<T>): Promise<T>;
}
