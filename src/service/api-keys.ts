import { createHash, randomBytes } from 'node:crypto';
import type { Store } from '../store/store.js';
import type { Principal, Role } from './types.js';

/** 32 random bytes: a key that cannot be guessed, prefixed so that a leaked one is easy to grep for. */
export function generateSecret(): string {
  return `rb_${randomBytes(32).toString('base64url')}`;
}

/** Only this hash is stored; a fast hash suffices because the secret has 256 bits of entropy. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export async function authenticate(store: Store, secret: string): Promise<Principal | undefined> {
  if (secret === '') return undefined;
  const key = await store.findApiKeyByHash(hashSecret(secret));
  if (key === undefined || key.revokedAt !== null) return undefined;
  return { accountId: key.accountId, keyId: key.id, role: key.role };
}

export async function createApiKey(
  store: Store,
  accountId: string,
  role: Role,
  name: string,
): Promise<{ id: string; secret: string }> {
  const secret = generateSecret();
  const row = await store.insertApiKey({ accountId, role, name, secretHash: hashSecret(secret) });
  return { id: row.id, secret };
}

/**
 * The first start's admin key for the default account (created when there is none). With a secret
 * (REBOUND_ADMIN_KEY), that secret becomes an admin key if it is not one yet; without, a key is made
 * once, when the account has no admin key, and returned so the caller can print it once. Each step is
 * atomic in the store: two processes starting at once make one account and one key.
 */
export async function bootstrapAdminKey(
  store: Store,
  secret: string | undefined,
): Promise<{ accountId: string; secret: string | null }> {
  const account = await store.bootstrap.defaultAccount();
  if (secret !== undefined && secret !== '') {
    await store.bootstrap.adminKeyOnce(account.id, {
      name: 'REBOUND_ADMIN_KEY',
      secretHash: hashSecret(secret),
    });
    return { accountId: account.id, secret: null };
  }
  const generated = generateSecret();
  const created = await store.bootstrap.firstAdminKey(account.id, {
    name: 'first admin key',
    secretHash: hashSecret(generated),
  });
  return { accountId: account.id, secret: created === undefined ? null : generated };
}
