import type { AccountRow, ApiKeyRow } from './store.js';

/** The account a single-CRM install works in: the first one, created by the first start. */
export const DEFAULT_ACCOUNT_NAME = 'default';

/** An admin key to create at start-up: the secret's hash, never the secret. */
export interface BootstrapKey {
  name: string;
  secretHash: string;
}

/**
 * The first start's writes, each one check-then-insert made atomic across processes (SQLite: BEGIN
 * IMMEDIATE; PostgreSQL: a transaction-scoped advisory lock), so that two processes starting at once on
 * one empty database create one default account and one first admin key, not two.
 */
export interface StoreBootstrap {
  /** The first account created; created (named DEFAULT_ACCOUNT_NAME) when there is none. */
  defaultAccount(): Promise<AccountRow>;
  /** Creates an admin key for the account when it has no live admin key; undefined when it had one. */
  firstAdminKey(accountId: string, key: BootstrapKey): Promise<ApiKeyRow | undefined>;
  /** Creates an admin key with this hash unless a key with this hash exists (REBOUND_ADMIN_KEY). */
  adminKeyOnce(accountId: string, key: BootstrapKey): Promise<ApiKeyRow | undefined>;
}

/** The same lock key in every process: any 64-bit number that no other lock of ours uses. */
export const BOOTSTRAP_LOCK = 0x72626f6f74; // "rboot" in ASCII
