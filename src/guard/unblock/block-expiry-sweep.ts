import { parseSettings } from '../../policy/settings.js';
import { blockExpiryCutoff, blockExpiryDue } from '../../policy/time-rules.js';
import { DEFAULT_SETTINGS, type PolicySettings } from '../../policy/types.js';
import { SignalWriter } from '../../service/apply-signals.js';
import { stateOf } from '../../service/views.js';
import { actionEvent } from '../../service/action-event.js';
import { domainOf, type AddressRow, type Store } from '../../store/store.js';
import type { MailDomainCheck } from './types.js';

/**
 * The periodic sweep of hardBlockExpiryDays: bounce blocks older than the account's period are
 * re-verified (the domain still has a mail server) and lifted with a `block-expired` signal; a domain
 * that takes no mail keeps the block, recorded once per block as `expiry-held`; a DNS failure decides
 * nothing and is retried at the next sweep. Both signals land in the address's history with their
 * reason. Dedupe keys (address + blockedAt) make a second process sweeping at the same time a no-op.
 */
export interface SweepDeps {
  store: Store;
  checkDomain(domain: string): Promise<MailDomainCheck>;
  now(): Date;
}

export interface SweepResult {
  /** Blocks old enough that were looked at. */
  checked: number;
  expired: string[];
  held: string[];
  /** Left for the next sweep: DNS did not answer. */
  undecided: string[];
}

export const SWEEP_ACTOR = 'rebound:block-expiry';
/** Addresses read per query: bounds memory on an account with many old blocks. */
const PAGE = 500;

export async function sweepExpiredBlocks(deps: SweepDeps): Promise<SweepResult> {
  const result: SweepResult = { checked: 0, expired: [], held: [], undecided: [] };
  for (const account of await deps.store.unblocks.listAccounts()) {
    const parsed = parseSettings(account.settings);
    await sweepAccount(deps, account.id, parsed.ok ? parsed.settings : DEFAULT_SETTINGS, result);
  }
  return result;
}

async function sweepAccount(
  deps: SweepDeps,
  accountId: string,
  settings: PolicySettings,
  result: SweepResult,
): Promise<void> {
  const now = deps.now();
  const cutoff = blockExpiryCutoff(settings, now);
  if (cutoff === undefined) return;
  // One look-up per domain per sweep: a thousand old blocks at one dead domain ask DNS once.
  const domains = new Map<string, Promise<MailDomainCheck>>();
  let after: { blockedAt: string; address: string } | undefined;
  for (;;) {
    const rows = await deps.store.unblocks.blocksBefore(accountId, cutoff, PAGE, after);
    for (const row of rows) {
      if (!blockExpiryDue(stateOf(row), settings, now)) continue;
      result.checked++;
      const domain = domainOf(row.address);
      if (!domains.has(domain)) domains.set(domain, deps.checkDomain(domain));
      const check = await (domains.get(domain) as Promise<MailDomainCheck>);
      if (check.status === 'unknown') result.undecided.push(row.address);
      else if (await record(deps.store, row, check, settings, now)) {
        (check.status === 'mail' ? result.expired : result.held).push(row.address);
      }
    }
    const last = rows.at(-1);
    if (rows.length < PAGE || last === undefined) return;
    after = { blockedAt: last.blockedAt ?? '', address: last.address };
  }
}

/** Records the outcome if the address still has the block that was read; false when nothing new was written. */
async function record(
  store: Store,
  row: AddressRow,
  check: MailDomainCheck,
  settings: PolicySettings,
  now: Date,
): Promise<boolean> {
  const type = check.status === 'mail' ? 'block-expired' : 'expiry-held';
  const at = now.toISOString();
  const days = settings.hardBlockExpiryDays ?? 0;
  const note =
    type === 'block-expired'
      ? `blocked for more than ${days} days; re-verified: ${check.detail}`
      : `blocked for more than ${days} days, but ${lowerFirst(check.detail)}`;
  const dedupeKey = `${type}:${row.address}:${row.blockedAt ?? ''}`;
  const event = actionEvent(row.accountId, row.address, type, at, { actor: SWEEP_ACTOR, note }, dedupeKey);
  return store.transaction(async (tx) => {
    const writer = await SignalWriter.lock(tx, row.accountId, settings, [row.address]);
    const current = writer.rows.get(row.address);
    // Unblocked, or blocked anew, since it was read: this block is no longer the one that expired.
    if (current?.status !== 'blocked' || current.blockedAt !== row.blockedAt) return false;
    await writer.record([event]);
    await writer.save();
    return writer.rows.get(row.address)?.updatedAt === at;
  });
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** Runs the sweep every `intervalMs` (never two at once) until closed. */
export function startBlockExpirySweep(
  deps: SweepDeps,
  intervalMs: number,
  onError: (error: unknown) => void,
): { close(): Promise<void> } {
  let running: Promise<unknown> = Promise.resolve();
  let busy = false;
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    running = sweepExpiredBlocks(deps)
      .catch(onError)
      .finally(() => {
        busy = false;
      });
  }, intervalMs);
  timer.unref();
  return {
    close: async () => {
      clearInterval(timer);
      await running;
    },
  };
}
