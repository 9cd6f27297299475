/**
 * What the service commands (check, addresses, import) act on: the local database by default, or a
 * running server with --server URL --key KEY. Both answer the same shapes, so a command is written once.
 */
import { userInfo } from 'node:os';
import { storeConfig } from '../config.js';
import { unblockConfig } from '../guard/unblock/config.js';
import type { UnblockRequestState, UnblockRequestView } from '../guard/unblock/types.js';
import type { AddressStatus } from '../policy/types.js';
import { openLocal } from '../local.js';
import type { BatchOutcome, PreparedMail } from '../service/ingest-batch.js';
import type { AddressView, CheckResult, IngestResult, Page, PageRequest } from '../service/types.js';
import { cliHttpTarget } from './http-target.js';

export interface AddressListFilter {
  status?: AddressStatus | undefined;
  reason?: string | undefined;
  domain?: string | undefined;
}

export interface UnblockListFilter {
  state?: UnblockRequestState | undefined;
  address?: string | undefined;
}

export type UnblockAction = 'approve' | 'deny';

export interface Target {
  /** Where the commands act, for messages: the database file or the server URL. */
  readonly description: string;
  check(addresses: string[]): Promise<CheckResult[]>;
  listAddresses(filter: AddressListFilter, page: PageRequest): Promise<Page<AddressView>>;
  ingestBounce(raw: Uint8Array): Promise<IngestResult>;
  /** Many mails, classified by the import's workers, in one call (one transaction); only the local target has it. */
  ingestPrepared?(mails: PreparedMail[]): Promise<BatchOutcome[]>;
  close(): Promise<void>;
}

/** The unblock-request commands' operations; both targets have them. */
export interface UnblockTarget {
  requestUnblock(address: string, reason: string): Promise<UnblockRequestView>;
  listUnblockRequests(filter: UnblockListFilter, page: PageRequest): Promise<Page<UnblockRequestView>>;
  decideUnblockRequest(
    id: string,
    action: UnblockAction,
    input: { note: string; consent?: string | undefined },
  ): Promise<UnblockRequestView>;
}

/** The options every service command accepts, for parseArgs. */
export const TARGET_OPTIONS = {
  server: { type: 'string' },
  key: { type: 'string' },
} as const;

export const TARGET_USAGE = `Where:
  (default)            the local database: REBOUND_DB (default ./data/rebound.db) or DATABASE_URL
  --server URL         a running Rebound server instead, e.g. http://127.0.0.1:8025
  --key KEY            its API key (or set REBOUND_API_KEY)
`;

/** A wrong --server/--key combination, reported as a usage error. */
export class TargetUsageError extends Error {}

export async function openTarget(
  options: { server?: string | undefined; key?: string | undefined },
  env: Readonly<Record<string, string | undefined>>,
): Promise<Target & UnblockTarget> {
  const key = options.key ?? env.REBOUND_API_KEY;
  if (options.server === undefined) {
    if (options.key !== undefined) throw new TargetUsageError('--key goes with --server');
    const config = storeConfig(env);
    const local = await openLocal(config, { unblock: unblockConfig(env) });
    const { service, accountId, unblockRequests } = local;
    // Whoever runs the CLI on the database's machine acts as an administrator; the audit names them.
    const actor = `cli:${userInfo().username}`;
    return {
      description: config.kind === 'sqlite' ? config.path : 'PostgreSQL (DATABASE_URL)',
      check: (addresses) => service.check(accountId, addresses),
      listAddresses: (filter, page) => service.listAddresses(accountId, filter, page),
      ingestBounce: (raw) => service.ingestBounce(accountId, raw),
      // Many mails per transaction: what makes a local import fast.
      ingestPrepared: (mails: PreparedMail[]) => service.ingestPrepared(accountId, mails),
      requestUnblock: (address, reason) => unblockRequests.create(accountId, { address, reason }, actor),
      listUnblockRequests: (filter, page) => unblockRequests.list(accountId, filter, page),
      decideUnblockRequest: (id, action, input) =>
        action === 'approve'
          ? unblockRequests.approve(accountId, id, actor, input)
          : unblockRequests.deny(accountId, id, actor, input.note),
      close: () => local.close(),
    };
  }
  if (key === undefined) throw new TargetUsageError('--server needs --key KEY (or REBOUND_API_KEY)');
  return cliHttpTarget(options.server, key);
}
