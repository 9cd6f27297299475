import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  BOOTSTRAP_LOCK,
  DEFAULT_ACCOUNT_NAME,
  type BootstrapKey,
  type StoreBootstrap,
} from '../bootstrap.js';
import { ACCOUNT_COLUMNS, API_KEY_COLUMNS } from '../columns.js';
import type { AccountRow, ApiKeyRow } from '../store.js';
import { onClientInTransaction } from './client-transaction.js';
import { accountRow, apiKeyRow } from './rows.js';

const INSERT_FIRST_ACCOUNT = `INSERT INTO accounts (id, name, settings, created_at)
  SELECT $1, $2, '{}', now() WHERE NOT EXISTS (SELECT 1 FROM accounts)`;
const FIRST_ACCOUNT = `SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY created_at, id LIMIT 1`;
const INSERT_FIRST_ADMIN_KEY = `INSERT INTO api_keys (id, account_id, role, name, secret_hash, created_at)
  SELECT $1, $2, 'admin', $3, $4, now() WHERE NOT EXISTS (SELECT 1 FROM api_keys
    WHERE account_id = $2 AND role = 'admin' AND revoked_at IS NULL)
  RETURNING ${API_KEY_COLUMNS}`;
const INSERT_KEY_ONCE = `INSERT INTO api_keys (id, account_id, role, name, secret_hash, created_at)
  VALUES ($1, $2, 'admin', $3, $4, now()) ON CONFLICT (secret_hash) DO NOTHING RETURNING ${API_KEY_COLUMNS}`;

/**
 * Each check-then-insert runs in a transaction that first takes one advisory lock: under READ COMMITTED,
 * `WHERE NOT EXISTS` alone would let two processes both see nothing and both insert.
 */
export class PgBootstrap implements StoreBootstrap {
  constructor(private readonly pool: pg.Pool) {}

  async defaultAccount(): Promise<AccountRow> {
    return this.locked(async (client) => {
      await client.query(INSERT_FIRST_ACCOUNT, [randomUUID(), DEFAULT_ACCOUNT_NAME]);
      const { rows } = await client.query(FIRST_ACCOUNT);
      return accountRow(rows[0] as Record<string, unknown>);
    });
  }

  async firstAdminKey(accountId: string, key: BootstrapKey): Promise<ApiKeyRow | undefined> {
    return this.locked(async (client) => {
      const { rows } = await client.query(INSERT_FIRST_ADMIN_KEY, [
        randomUUID(),
        accountId,
        key.name,
        key.secretHash,
      ]);
      return rows[0] === undefined ? undefined : apiKeyRow(rows[0] as Record<string, unknown>);
    });
  }

  /** The unique secret hash settles a race on its own: the second insert waits, then does nothing. */
  async adminKeyOnce(accountId: string, key: BootstrapKey): Promise<ApiKeyRow | undefined> {
    const { rows } = await this.pool.query(INSERT_KEY_ONCE, [
      randomUUID(),
      accountId,
      key.name,
      key.secretHash,
    ]);
    return rows[0] === undefined ? undefined : apiKeyRow(rows[0] as Record<string, unknown>);
  }

  private locked<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    return onClientInTransaction(this.pool, async (client) => {
      await client.query('BEGIN');
      await client.query('SELECT pg_advisory_xact_lock($1)', [BOOTSTRAP_LOCK]);
      return fn(client);
    });
  }
}
