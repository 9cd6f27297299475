import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import {
  SESSION_SELECT,
  USER_COLUMNS,
  type AccessStore,
  type NewSession,
  type SessionRow,
  type UserRow,
} from '../access.js';
import { API_KEY_COLUMNS } from '../columns.js';
import type { ApiKeyRow } from '../store.js';

/** The dashboard's people and sessions on PostgreSQL. */
export class PgAccessStore implements AccessStore {
  constructor(private readonly pool: pg.Pool) {}

  private async rows<T>(sql: string, values: unknown[]): Promise<T[]> {
    return (await this.pool.query(sql, values)).rows as T[];
  }

  async insertUser(user: Omit<UserRow, 'id' | 'createdAt'>): Promise<UserRow> {
    const [row] = await this.rows<UserRow>(
      `INSERT INTO users (id, account_id, email, name, role, password_hash, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, now()) RETURNING ${USER_COLUMNS}`,
      [randomUUID(), user.accountId, user.email, user.name, user.role, user.passwordHash],
    );
    if (row === undefined) throw new Error('INSERT ... RETURNING gave no row');
    return row;
  }

  async findUserByEmail(email: string): Promise<UserRow | undefined> {
    const [row] = await this.rows<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE email = $1`, [email]);
    return row;
  }

  listUsers(accountId: string): Promise<UserRow[]> {
    return this.rows<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE account_id = $1 ORDER BY email`, [
      accountId,
    ]);
  }

  async deleteUser(accountId: string, id: string): Promise<boolean> {
    const result = await this.pool.query('DELETE FROM users WHERE account_id = $1 AND id = $2', [
      accountId,
      id,
    ]);
    return (result.rowCount ?? 0) > 0;
  }

  listApiKeys(accountId: string): Promise<ApiKeyRow[]> {
    return this.rows<ApiKeyRow>(
      `SELECT ${API_KEY_COLUMNS} FROM api_keys WHERE account_id = $1 ORDER BY created_at, id`,
      [accountId],
    );
  }

  async revokeApiKey(accountId: string, id: string, at: string): Promise<ApiKeyRow | undefined> {
    // One statement: the key is revoked and its sessions end together.
    const [row] = await this.rows<ApiKeyRow>(
      `WITH revoked AS (
         UPDATE api_keys SET revoked_at = coalesce(revoked_at, $3) WHERE account_id = $1 AND id = $2
         RETURNING ${API_KEY_COLUMNS}
       ), ended AS (DELETE FROM sessions WHERE key_id = $2 AND account_id = $1)
       SELECT * FROM revoked`,
      [accountId, id, at],
    );
    return row;
  }

  async insertSession(session: NewSession): Promise<void> {
    await this.pool.query(
      `INSERT INTO sessions (token_hash, account_id, user_id, key_id, csrf_token, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, now(), $6)`,
      [
        session.tokenHash,
        session.accountId,
        session.userId,
        session.keyId,
        session.csrfToken,
        session.expiresAt,
      ],
    );
  }

  async findSession(tokenHash: string): Promise<SessionRow | undefined> {
    const [row] = await this.rows<SessionRow>(`${SESSION_SELECT} WHERE s.token_hash = $1`, [tokenHash]);
    return row;
  }

  async deleteSession(tokenHash: string): Promise<void> {
    await this.pool.query('DELETE FROM sessions WHERE token_hash = $1', [tokenHash]);
  }

  async purgeSessions(now: string): Promise<number> {
    return (await this.pool.query('DELETE FROM sessions WHERE expires_at < $1', [now])).rowCount ?? 0;
  }
}
