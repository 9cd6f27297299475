import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import { DEFAULT_ACCOUNT_NAME, type BootstrapKey, type StoreBootstrap } from '../bootstrap.js';
import { ACCOUNT_COLUMNS, API_KEY_COLUMNS } from '../columns.js';
import type { SerialQueue } from '../serial-queue.js';
import type { AccountRow, ApiKeyRow } from '../store.js';
import { accountRow, apiKeyRow } from './rows.js';

const FIRST_ACCOUNT = `SELECT ${ACCOUNT_COLUMNS} FROM accounts ORDER BY created_at, rowid LIMIT 1`;
const INSERT_ACCOUNT = `INSERT INTO accounts (id, name, settings, created_at) VALUES (@id, @name, '{}', @now)`;
const INSERT_KEY = `INSERT INTO api_keys (id, account_id, role, name, secret_hash, created_at)
  VALUES (@id, @accountId, 'admin', @name, @secretHash, @now)`;
const LIVE_ADMIN_KEY = `SELECT 1 FROM api_keys WHERE account_id = @accountId AND role = 'admin'
  AND revoked_at IS NULL LIMIT 1`;
const KEY_BY_HASH = `SELECT 1 FROM api_keys WHERE secret_hash = @secretHash`;
const KEY_BY_ID = `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE id = @id`;

/**
 * BEGIN IMMEDIATE takes the database's write lock before the check, so a second process on the same file
 * waits (busy_timeout) and then sees the first one's rows.
 */
export class SqliteBootstrap implements StoreBootstrap {
  constructor(
    private readonly db: Database.Database,
    private readonly queue: SerialQueue,
  ) {}

  defaultAccount(): Promise<AccountRow> {
    return this.immediate(() => {
      const first = this.db.prepare(FIRST_ACCOUNT);
      let row = first.get();
      if (row === undefined) {
        this.db
          .prepare(INSERT_ACCOUNT)
          .run({ id: randomUUID(), name: DEFAULT_ACCOUNT_NAME, now: new Date().toISOString() });
        row = first.get();
      }
      return accountRow(row as Record<string, unknown>);
    });
  }

  firstAdminKey(accountId: string, key: BootstrapKey): Promise<ApiKeyRow | undefined> {
    return this.immediate(() =>
      this.db.prepare(LIVE_ADMIN_KEY).get({ accountId }) === undefined
        ? this.insert(accountId, key)
        : undefined,
    );
  }

  adminKeyOnce(accountId: string, key: BootstrapKey): Promise<ApiKeyRow | undefined> {
    return this.immediate(() =>
      this.db.prepare(KEY_BY_HASH).get({ secretHash: key.secretHash }) === undefined
        ? this.insert(accountId, key)
        : undefined,
    );
  }

  private insert(accountId: string, key: BootstrapKey): ApiKeyRow {
    const id = randomUUID();
    this.db.prepare(INSERT_KEY).run({ id, accountId, ...key, now: new Date().toISOString() });
    return apiKeyRow(this.db.prepare(KEY_BY_ID).get({ id }) as Record<string, unknown>);
  }

  private immediate<T>(fn: () => T): Promise<T> {
    return this.queue.run(() => this.db.transaction(fn).immediate());
  }
}
