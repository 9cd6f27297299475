import type pg from 'pg';
import type { SqlDb, SqlParams, SqlRow } from '../sql-db.js';
import { onClientInTransaction } from './client-transaction.js';

/** `@name` -> `$n`, the same number for every use of one name. Names are ASCII words, never quoted text. */
function positional(text: string, params: SqlParams): { text: string; values: unknown[] } {
  const order = new Map<string, number>();
  const values: unknown[] = [];
  const out = text.replace(/@([A-Za-z_]\w*)/g, (_, name: string) => {
    let n = order.get(name);
    if (n === undefined) {
      if (!(name in params)) throw new TypeError(`SQL parameter ${name} has no value`);
      values.push(params[name]);
      n = values.length;
      order.set(name, n);
    }
    return `$${n}`;
  });
  return { text: out, values };
}

/** SqlDb on a pool: each statement takes a connection, a transaction keeps one. */
export function postgresSqlDb(pool: pg.Pool | pg.PoolClient): SqlDb {
  const all = async (text: string, params: SqlParams = {}): Promise<SqlRow[]> => {
    const q = positional(text, params);
    return (await pool.query(q.text, q.values)).rows as SqlRow[];
  };
  return {
    dialect: 'postgres',
    all,
    async tx(fn) {
      if (!('connect' in pool) || 'release' in pool) return fn(this);
      return onClientInTransaction(pool, async (client) => {
        await client.query('BEGIN');
        return fn(postgresSqlDb(client));
      });
    },
  };
}
