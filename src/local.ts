/**
 * The composition root's first half: the store opened, the service and the guard built on it. The CLI's
 * local mode stops here; the server (server.ts) puts the HTTP API and the SMTP and mailbox capture in
 * front. Kept apart so that a CLI command loads neither Fastify nor the SMTP and IMAP libraries, and only
 * the database driver it uses.
 */
import { buildGuardCore, type GuardCore, type GuardCoreOptions } from './guard/guard-core.js';
import { createSenderGuard, type SenderGuard } from './guard/sender-guard.js';
import {
  buildUnblockRequests,
  unblockConfig,
  type UnblockConfig,
  type UnblockRequests,
} from './guard/unblock/index.js';
import type { StoreConfig } from './config.js';
import { StoreReboundService } from './service/rebound-service.js';
import type { Store } from './store/store.js';

/** The service on a store, for the CLI's local mode and for the server. */
export interface Local {
  store: Store;
  service: StoreReboundService;
  /** The default account: the CLI acts on it. */
  accountId: string;
  /** Alerts, pauses, outbound webhooks; its timers run only once started (the server does). */
  guard: GuardCore;
  /** Sender incidents and DNS blocklist checks. */
  sender: SenderGuard;
  unblockRequests: UnblockRequests;
  close(): Promise<void>;
}

export const STDERR_LOG = {
  warn: (o: object, m: string) => console.error(m, o),
  error: (o: object, m: string) => console.error(m, o),
};

/** Each driver is loaded only when used: a SQLite user never loads pg, nor the reverse. */
export async function openStore(config: StoreConfig, log: typeof STDERR_LOG = STDERR_LOG): Promise<Store> {
  if (config.kind === 'postgres') {
    const { openPostgresStore } = await import('./store/postgres/pg-store.js');
    return openPostgresStore({ connectionString: config.url, log });
  }
  const { openSqliteStore } = await import('./store/sqlite/sqlite-store.js');
  return openSqliteStore(config.path);
}

export interface LocalOptions {
  /** Unblock checks and the sweep (DNS servers, RCPT probe); default: the system's resolvers. */
  unblock?: UnblockConfig;
  /** Alert emails, webhook timing. */
  guard?: GuardCoreOptions;
  log?: typeof STDERR_LOG;
}

/**
 * Every guard part shares one notifier: the outbound-webhook outbox in the database. What the CLI opens,
 * decides or repairs is delivered by the server's worker, like what the server does itself.
 */
export async function openLocal(storeConfig: StoreConfig, options: LocalOptions = {}): Promise<Local> {
  return localOn(await openStore(storeConfig, options.log), options);
}

/** The same wiring on a store opened already (the benchmarks open theirs in a scratch schema). */
export async function localOn(store: Store, options: LocalOptions = {}): Promise<Local> {
  const unblock = options.unblock ?? unblockConfig({});
  const guard = buildGuardCore(store, options.log ?? STDERR_LOG, options.guard);
  // The sender guard asks the service for policy settings (built just below). It writes on the plain
  // store: its repairs announce address.unblocked themselves, with the incident's explanation.
  const sender: SenderGuard = createSenderGuard({
    store,
    notifier: guard.notifier,
    policySettings: (accountId) => service.getSettings(accountId),
    dnsServers: unblock.dnsServers,
  });
  // The service writes through the guard's store, which announces state changes and counts rates.
  const service = new StoreReboundService(guard.store, [sender.observer], [guard.pauses, sender.holds]);
  try {
    const accountId = (await defaultAccount(store)).id;
    const unblockRequests = buildUnblockRequests(guard.store, service, guard.notifier, unblock);
    const close = async () => {
      try {
        await guard.stop();
      } finally {
        await service.close();
      }
    };
    return { store, service, accountId, guard, sender, unblockRequests, close };
  } catch (error) {
    await service.close();
    throw error;
  }
}

/** The CLI only makes sure the account exists: the first admin key is made and shown by `serve`. */
async function defaultAccount(store: Store) {
  return store.bootstrap.defaultAccount();
}
