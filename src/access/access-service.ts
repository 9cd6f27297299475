/**
 * Logins, sessions, people and keys for the dashboard. A login (email + password, or an API key) opens
 * a session: a random token for an HttpOnly cookie, of which only the hash is stored, and a CSRF token
 * the page sends back on every change. A session is checked against the current state on each request:
 * a deleted person or a revoked key ends it at once.
 */
import { createHash, randomBytes } from 'node:crypto';
import { ReboundError } from '../errors.js';
import { authenticate, createApiKey } from '../service/api-keys.js';
import type { Principal, Role } from '../service/types.js';
import type { SessionRow, UserRow } from '../store/access.js';
import type { ApiKeyRow, Store } from '../store/store.js';
import {
  decoyHash,
  hashPassword,
  MAX_PASSWORD_LENGTH,
  MIN_PASSWORD_LENGTH,
  verifyPassword,
} from './password.js';

/** A working day and then some: long enough not to log support staff out at lunch. */
export const SESSION_HOURS = 12;
const HOUR_MS = 3_600_000;

export type Credentials = { email: string; password: string } | { key: string };

export interface SessionView {
  accountId: string;
  role: Role;
  /** Who is logged in: a person's email, or the name of the API key used. */
  name: string;
  via: 'password' | 'key';
  expiresAt: string;
  csrfToken: string;
}

export interface OpenSession {
  token: string;
  session: SessionView;
}

/** What the auth hook gets for a cookie: the principal, and the CSRF token changes must carry. */
export interface ResolvedSession {
  principal: Principal;
  csrfToken: string;
}

export interface UserView {
  id: string;
  email: string;
  name: string;
  role: Role;
  createdAt: string;
  /** One sentence: who this is and what they may do. */
  explanation: string;
}

export interface KeyView {
  id: string;
  name: string;
  role: Role;
  createdAt: string;
  revokedAt: string | null;
  /** One sentence: what the key may do, and whether it still works. */
  explanation: string;
}

export interface NewUser {
  email: string;
  name: string;
  role: Role;
  password: string;
}

const hashToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');
const newToken = (): string => randomBytes(32).toString('base64url');

export class AccessService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  async login(credentials: Credentials): Promise<OpenSession> {
    const who =
      'key' in credentials ? await this.keyLogin(credentials.key) : await this.passwordLogin(credentials);
    const token = newToken();
    const csrfToken = newToken();
    const expiresAt = new Date(this.now().getTime() + SESSION_HOURS * HOUR_MS).toISOString();
    await this.store.access.purgeSessions(this.now().toISOString());
    await this.store.access.insertSession({ tokenHash: hashToken(token), csrfToken, expiresAt, ...who.ids });
    return { token, session: { ...who.view, expiresAt, csrfToken } };
  }

  private async keyLogin(secret: string) {
    const principal = await authenticate(this.store, secret);
    if (principal === undefined) throw new ReboundError('unauthorized', 'This API key is unknown or revoked');
    const key = (await this.store.access.listApiKeys(principal.accountId)).find(
      (k) => k.id === principal.keyId,
    );
    return {
      ids: { accountId: principal.accountId, userId: null, keyId: principal.keyId },
      view: {
        accountId: principal.accountId,
        role: principal.role,
        name: key?.name ?? '',
        via: 'key' as const,
      },
    };
  }

  private async passwordLogin({ email, password }: { email: string; password: string }) {
    const user = await this.store.access.findUserByEmail(normaliseEmail(email));
    // The decoy keeps an unknown email as slow to refuse as a wrong password.
    const ok = await verifyPassword(password, user?.passwordHash ?? (await decoyHash()));
    if (user === undefined || !ok) throw new ReboundError('unauthorized', 'Wrong email or password');
    return {
      ids: { accountId: user.accountId, userId: user.id, keyId: null },
      view: { accountId: user.accountId, role: user.role, name: user.email, via: 'password' as const },
    };
  }

  /** The session behind a cookie's token, or undefined when it is unknown, expired, or its person or key is gone. */
  async resolve(token: string): Promise<ResolvedSession | undefined> {
    const row = await this.store.access.findSession(hashToken(token));
    if (row === undefined || !this.isLive(row)) return undefined;
    const principal: Principal = {
      accountId: row.accountId,
      keyId: row.keyId ?? '',
      role: row.role ?? 'user',
      userId: row.userId ?? undefined,
    };
    return { principal, csrfToken: row.csrfToken };
  }

  async describe(token: string): Promise<SessionView | undefined> {
    const row = await this.store.access.findSession(hashToken(token));
    if (row === undefined || !this.isLive(row) || row.role === null) return undefined;
    const via = row.userId === null ? 'key' : 'password';
    const name = row.email ?? row.keyName ?? '';
    return {
      accountId: row.accountId,
      role: row.role,
      name,
      via,
      expiresAt: row.expiresAt,
      csrfToken: row.csrfToken,
    };
  }

  private isLive(row: SessionRow): boolean {
    if (Date.parse(row.expiresAt) <= this.now().getTime()) return false;
    // role is null when the person was deleted (their sessions go with them; this is belt and braces).
    return row.role !== null && row.keyRevokedAt === null;
  }

  async logout(token: string): Promise<void> {
    await this.store.access.deleteSession(hashToken(token));
  }

  async listUsers(accountId: string): Promise<UserView[]> {
    return (await this.store.access.listUsers(accountId)).map(userView);
  }

  async createUser(accountId: string, user: NewUser): Promise<UserView> {
    if (user.password.length < MIN_PASSWORD_LENGTH || user.password.length > MAX_PASSWORD_LENGTH) {
      throw new ReboundError(
        'invalid_request',
        `A password has ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
      );
    }
    const email = normaliseEmail(user.email);
    if ((await this.store.access.findUserByEmail(email)) !== undefined) {
      throw new ReboundError('conflict', `${email} already has a login`);
    }
    const passwordHash = await hashPassword(user.password);
    const row = await this.store.access.insertUser({
      accountId,
      email,
      name: user.name,
      role: user.role,
      passwordHash,
    });
    return userView(row);
  }

  async deleteUser(accountId: string, id: string): Promise<void> {
    if (!(await this.store.access.deleteUser(accountId, id)))
      throw new ReboundError('not_found', `No user ${id}`);
  }

  async listKeys(accountId: string): Promise<KeyView[]> {
    return (await this.store.access.listApiKeys(accountId)).map(keyView);
  }

  async createKey(accountId: string, role: Role, name: string): Promise<KeyView & { secret: string }> {
    const { id, secret } = await createApiKey(this.store, accountId, role, name);
    const key = (await this.listKeys(accountId)).find((k) => k.id === id);
    if (key === undefined) throw new ReboundError('internal', `Key ${id} vanished after it was made`);
    return { ...key, secret };
  }

  /** Refuses to revoke the account's last admin key: nobody could manage keys through the API after. */
  async revokeKey(accountId: string, id: string): Promise<KeyView> {
    const keys = await this.store.access.listApiKeys(accountId);
    const key = keys.find((k) => k.id === id);
    if (key === undefined) throw new ReboundError('not_found', `No key ${id}`);
    const otherAdmins = keys.filter((k) => k.role === 'admin' && k.revokedAt === null && k.id !== id);
    if (key.role === 'admin' && key.revokedAt === null && otherAdmins.length === 0) {
      throw new ReboundError('conflict', 'This is the last admin key: make another one before revoking it');
    }
    const revoked = await this.store.access.revokeApiKey(accountId, id, this.now().toISOString());
    if (revoked === undefined) throw new ReboundError('not_found', `No key ${id}`);
    return keyView(revoked);
  }
}

function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

const MAY: Record<Role, string> = {
  admin: 'may read, block, unblock and manage keys and people',
  user: 'may read and ask for unblocks',
};

function userView(row: UserRow): UserView {
  const explanation = `${row.name} logs in as ${row.email} since ${row.createdAt} and ${MAY[row.role]}.`;
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    role: row.role,
    createdAt: row.createdAt,
    explanation,
  };
}

function keyView(row: ApiKeyRow): KeyView {
  const explanation =
    row.revokedAt === null
      ? `The ${row.role} key "${row.name}", made ${row.createdAt}, ${MAY[row.role]}.`
      : `The ${row.role} key "${row.name}" was revoked ${row.revokedAt}: it no longer opens anything.`;
  return {
    id: row.id,
    name: row.name,
    role: row.role,
    createdAt: row.createdAt,
    revokedAt: row.revokedAt,
    explanation,
  };
}
