import type { Role } from '../service/types.js';
import type { ApiKeyRow } from './store.js';

/**
 * What the dashboard's login needs persisted: the account's people (email + scrypt hash), the sessions
 * a login opens, and the key listing and revocation admins manage. Exposed as `Store.access`; both
 * stores implement it and pass test/store/access-suite.ts. Sessions live in the database, not in the
 * process, so any server process accepts a session another one opened.
 */
export interface UserRow {
  id: string;
  accountId: string;
  /** Lower-cased; unique across accounts, so a login by email finds one account. */
  email: string;
  name: string;
  role: Role;
  /** `scrypt$N$r$p$salt$hash` (base64url parts): see src/access/password.ts. */
  passwordHash: string;
  createdAt: string;
}

export interface NewSession {
  /** SHA-256 of the cookie's token, hex: the token itself is never stored. */
  tokenHash: string;
  accountId: string;
  /** Exactly one of userId and keyId: who logged in. */
  userId: string | null;
  keyId: string | null;
  csrfToken: string;
  expiresAt: string;
}

/** A session with what its principal is now: the user's current role, the key's revocation. */
export interface SessionRow extends NewSession {
  createdAt: string;
  role: Role | null;
  email: string | null;
  keyName: string | null;
  keyRevokedAt: string | null;
}

export interface AccessStore {
  insertUser(user: Omit<UserRow, 'id' | 'createdAt'>): Promise<UserRow>;
  /** undefined when the email is already taken (by any account). */
  findUserByEmail(email: string): Promise<UserRow | undefined>;
  listUsers(accountId: string): Promise<UserRow[]>;
  /** Removes the user and its sessions; false when the account has no such user. */
  deleteUser(accountId: string, id: string): Promise<boolean>;

  listApiKeys(accountId: string): Promise<ApiKeyRow[]>;
  /** Sets revokedAt (once) and ends the key's sessions; undefined when the account has no such key. */
  revokeApiKey(accountId: string, id: string, at: string): Promise<ApiKeyRow | undefined>;

  insertSession(session: NewSession): Promise<void>;
  findSession(tokenHash: string): Promise<SessionRow | undefined>;
  deleteSession(tokenHash: string): Promise<void>;
  /** Drops sessions that expired before `now`; returns how many. */
  purgeSessions(now: string): Promise<number>;
}

export const USER_COLUMNS = `id, account_id AS "accountId", email, name, role, password_hash AS "passwordHash",
  created_at AS "createdAt"`;

export const SESSION_SELECT = `SELECT s.token_hash AS "tokenHash", s.account_id AS "accountId",
    s.user_id AS "userId", s.key_id AS "keyId", s.csrf_token AS "csrfToken", s.expires_at AS "expiresAt",
    s.created_at AS "createdAt", coalesce(u.role, k.role) AS role, u.email, k.name AS "keyName",
    k.revoked_at AS "keyRevokedAt"
  FROM sessions AS s
  LEFT JOIN users AS u ON u.id = s.user_id
  LEFT JOIN api_keys AS k ON k.id = s.key_id`;
