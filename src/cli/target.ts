/**
 * What the service commands (check, addresses, import) act on: the local database by default, or a
 * running server with --server URL --key KEY. Both answer the same shapes, so a command is written once.
 */
import { storeConfig } from '../config.js';
import type { AddressStatus } from '../policy/types.js';
import { openLocal } from '../server.js';
import type { BatchOutcome, PreparedMail } from '../service/ingest-batch.js';
import type { AddressView, CheckResult, IngestResult, Page, PageRequest } from '../service/types.js';
import { HttpTarget } from './http-target.js';

export interface AddressListFilter {
  status?: AddressStatus | undefined;
  reason?: string | undefined;
  domain?: string | undefined;
}

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
): Promise<Target> {
  const key = options.key ?? env.REBOUND_API_KEY;
  if (options.server === undefined) {
    if (options.key !== undefined) throw new TargetUsageError('--key goes with --server');
    const config = storeConfig(env);
    const local = await openLocal(config);
    const { service, accountId } = local;
    return {
      description: config.kind === 'sqlite' ? config.path : 'PostgreSQL (DATABASE_URL)',
      check: (addresses) => service.check(accountId, addresses),
      listAddresses: (filter, page) => service.listAddresses(accountId, filter, page),
      ingestBounce: (raw) => service.ingestBounce(accountId, raw),
      // Many mails per transaction: what makes a local import fast.
      ingestPrepared: (mails: PreparedMail[]) => service.ingestPrepared(accountId, mails),
      close: () => local.close(),
    };
  }
  if (key === undefined) throw new TargetUsageError('--server needs --key KEY (or REBOUND_API_KEY)');
  return new HttpTarget(options.server, key);
}
