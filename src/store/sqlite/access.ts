import { randomUUID } from 'node:crypto';
import type Database from 'better-sqlite3';
import {
  SESSION_SELECT,
  USER_COLUMNS,
  type AccessStore,
  type NewSession,
  type SessionRow,
  type UserRow,
} from '../access.js';
import { API_KEY_COLUMNS } from '../columns.js';
import type { SerialQueue } from '../serial-queue.js';
import type { ApiKeyRow } from '../store.js';
import type { StatementCache } from './statement-cache.js';

/** The dashboard's people and sessions on SQLite, through the store's one queue (see SerialQueue). */
export class SqliteAccessStore implements AccessStore {
  constructor(
    private readonly sql: StatementCache,
    private readonly queue: SerialQueue,
  ) {}

  private run<T>(sql: string, use: (stmt: Database.Statement) => T): Promise<T> {
    return this.queue.run(() => use(this.sql.get(sql)));
  }

  async insertUser(user: Omit<UserRow, 'id' | 'createdAt'>): Promise<UserRow> {
    const row = { ...user, id: randomUUID(), createdAt: new Date().toISOString() };
    await this.run(
      `INSERT INTO users (id, account_id, email, name, role, password_hash, created_at)
       VALUES (@id, @accountId, @email, @name, @role, @passwordHash, @createdAt)`,
      (s) => s.run(row),
    );
    return row;
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const r = await this.run(`SELECT ${USER_COLUMNS} FROM users WHERE email = @email`, (s) =>
      s.get({ email }),
    );
    return r as UserRow | undefined;
  }

  async listUsers(accountId: string): Promise<UserRow[]> {
    const rows = await this.run(
      `SELECT ${USER_COLUMNS} FROM users WHERE account_id = @accountId ORDER BY email`,
      (s) => s.all({ accountId }),
    );
    return rows as UserRow[];
  }

  async deleteUser(accountId: string, id: string): Promise<boolean> {
    const result = await this.run('DELETE FROM users WHERE account_id = @accountId AND id = @id', (s) =>
      s.run({ accountId, id }),
    );
    return result.changes > 0;
  }

  async listApiKeys(accountId: string): Promise<ApiKeyRow[]> {
    const rows = await this.run(
      `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE account_id = @accountId ORDER BY created_at, rowid`,
      (s) => s.all({ accountId }),
    );
    return rows as ApiKeyRow[];
  }

  revokeApiKey(accountId: string, id: string, at: string): Promise<ApiKeyRow | undefined> {
    return this.queue.run(() => {
      const params = { accountId, id, at };
      this.sql
        .get(
          'UPDATE api_keys SET revoked_at = coalesce(revoked_at, @at) WHERE account_id = @accountId AND id = @id',
        )
        .run(params);
      this.sql.get('DELETE FROM sessions WHERE key_id = @id AND account_id = @accountId').run(params);
      return this.sql
        .get(`SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE account_id = @accountId AND id = @id`)
        .get(params) as ApiKeyRow | undefined;
    });
  }

  async insertSession(session: NewSession): Promise<void> {
    await this.run(
      `INSERT INTO sessions (token_hash, account_id, user_id, key_id, csrf_token, created_at, expires_at)
       VALUES (@tokenHash, @accountId, @userId, @keyId, @csrfToken, @createdAt, @expiresAt)`,
      (s) => s.run({ ...session, createdAt: new Date().toISOString() }),
    );
  }

  async findSession(tokenHash: string): Promise<SessionRow | undefined> {
    const r = await this.run(`${SESSION_SELECT} WHERE s.token_hash = @tokenHash`, (s) =>
      s.get({ tokenHash }),
    );
    return r as SessionRow | undefined;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.run('DELETE FROM sessions WHERE token_hash = @tokenHash', (s) => s.run({ tokenHash }));
  }

  async purgeSessions(now: string): Promise<number> {
    const result = await this.run('DELETE FROM sessions WHERE expires_at < @now', (s) => s.run({ now }));
    return result.changes;
  }
}
