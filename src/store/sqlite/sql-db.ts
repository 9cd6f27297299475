import type { SqlDb, SqlParams, SqlRow } from '../sql-db.js';
import type { SerialQueue } from '../serial-queue.js';
import { inAsyncTransaction } from './async-transaction.js';
import type { StatementCache } from './statement-cache.js';

/** SqlDb on the store's one connection, through its queue so it never runs inside another's transaction. */
export function sqliteSqlDb(sql: StatementCache, queue: SerialQueue): SqlDb {
  const inTx = sqliteTxDb(sql);
  return {
    dialect: 'sqlite',
    all: (text, params) => queue.run(() => inTx.all(text, params)),
    tx: (fn) => queue.run(() => inAsyncTransaction(sql.db, () => fn(inTx))),
  };
}

/** SqlDb straight on the connection, for statements of a transaction the caller already holds. */
export function sqliteTxDb(sql: StatementCache): SqlDb {
  const direct = (text: string, params: SqlParams = {}): SqlRow[] => {
    const stmt = sql.get(text);
    if (stmt.reader) return stmt.all(params) as SqlRow[];
    stmt.run(params);
    return [];
  };
  const inTx: SqlDb = {
    dialect: 'sqlite',
    all: async (text, params) => direct(text, params),
    tx: (fn) => fn(inTx),
  };
  return inTx;
}
