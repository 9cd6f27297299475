import type { Kind } from '../classify/reasons.js';
import type { Verdict } from '../classify/types.js';
import { ReboundError } from '../errors.js';
import { activeHolds, applyHolds } from '../guard/hold-gate.js';
import type { HoldSource } from '../guard/holds.js';
import { parseSettings } from '../policy/settings.js';
import { DEFAULT_SETTINGS, type AddressStatus, type PolicySettings } from '../policy/types.js';
import type { AddressRow, Store, StoreTx } from '../store/store.js';
import { actionEvent } from './action-event.js';
import { normaliseAddress } from './address.js';
import { authenticate, bootstrapAdminKey, createApiKey } from './api-keys.js';
import { recordSignals } from './apply-signals.js';
import { check } from './check.js';
import { ingestBounce } from './ingest-bounce.js';
import { ingestBounces, ingestPrepared, type BatchOutcome, type PreparedMail } from './ingest-batch.js';
import { ingestEvents } from './ingest-events.js';
import type { IngestObserver } from './ingest-observer.js';
import { keysetOf, pageOf } from './pagination.js';
import { stats } from './stats.js';
import { isoOrError } from './iso-time.js';
import type {
  AddressDetail,
  AddressView,
  BounceView,
  CheckResult,
  EventInput,
  IngestResult,
  Page,
  PageRequest,
  Principal,
  ReboundService,
  Role,
  StatsRow,
} from './types.js';
import { addressView, bounceView, historyEntry } from './views.js';

/**
 * ReboundService on any Store. Holds no state of its own beyond the store handle, so any number of
 * processes can serve the same PostgreSQL database.
 */
export class StoreReboundService implements ReboundService {
  constructor(
    private readonly store: Store,
    /** Told of every ingested bounce mail and event (sender incidents). */
    private readonly observers: readonly IngestObserver[] = [],
    /** Pauses, sender incidents: asked by the send gate, never changing an address's state. */
    private readonly holds: readonly HoldSource[] = [],
  ) {}

  /** A new tenant (an organisation of the CRM). */
  async createAccount(name: string): Promise<{ id: string }> {
    const row = await this.store.createAccount(name);
    return { id: row.id };
  }

  /** See bootstrapAdminKey: REBOUND_ADMIN_KEY, or a key made once and returned to be printed once. */
  bootstrapAdminKey(secret: string | undefined): Promise<{ accountId: string; secret: string | null }> {
    return bootstrapAdminKey(this.store, secret);
  }

  authenticate(secret: string): Promise<Principal | undefined> {
    return authenticate(this.store, secret);
  }

  async ingestBounce(accountId: string, raw: Uint8Array, verdicts?: Verdict[]): Promise<IngestResult> {
    const settings = this.getSettings(accountId);
    const result = await ingestBounce(this.store, accountId, raw, settings, new Date(), verdicts);
    await this.observe(accountId, [result]);
    return result;
  }

  /** Many mails in one transaction, each with the result ingestBounce would give in this order. */
  async ingestBounces(accountId: string, raws: Uint8Array[]): Promise<BatchOutcome[]> {
    const outcomes = await ingestBounces(this.store, accountId, raws, await this.getSettings(accountId));
    await this.observeBatch(accountId, outcomes);
    return outcomes;
  }

  /** ingestBounces for mails classified already (by import workers). */
  async ingestPrepared(accountId: string, mails: PreparedMail[]): Promise<BatchOutcome[]> {
    const outcomes = await ingestPrepared(this.store, accountId, mails, await this.getSettings(accountId));
    await this.observeBatch(accountId, outcomes);
    return outcomes;
  }

  private observeBatch(accountId: string, outcomes: BatchOutcome[]): Promise<void> {
    return this.observe(
      accountId,
      outcomes.flatMap((o) => (o.ok ? [o.result] : [])),
    );
  }

  private async observe(accountId: string, results: IngestResult[]): Promise<void> {
    const receivedAt = new Date().toISOString();
    for (const observer of this.observers) await observer.afterBounces(accountId, results, receivedAt);
  }

  async ingestEvents(accountId: string, events: EventInput[]): Promise<{ results: AddressView[] }> {
    const { results, recorded } = await ingestEvents(
      this.store,
      accountId,
      events,
      await this.getSettings(accountId),
    );
    for (const observer of this.observers) await observer.afterEvents(accountId, recorded);
    return { results };
  }

  async check(accountId: string, addresses: string[], campaign?: string): Promise<CheckResult[]> {
    const [results, holds] = await Promise.all([
      check(this.store, accountId, addresses, await this.getSettings(accountId)),
      activeHolds(this.holds, accountId),
    ]);
    return applyHolds(results, holds, campaign);
  }

  async getAddress(accountId: string, input: string): Promise<AddressDetail | undefined> {
    const address = normaliseAddress(input);
    const [rows, settings] = await Promise.all([
      this.store.getAddresses(accountId, [address]),
      this.getSettings(accountId),
    ]);
    const row = rows.get(address);
    if (row === undefined) return undefined;
    const history = (await this.store.addressHistory(accountId, address)).map(historyEntry);
    const decidedBy = history.find((h) => h.eventId === row.decidedBy) ?? null;
    return { ...addressView(row, settings), decidedBy, history };
  }

  async listAddresses(
    accountId: string,
    filter: { status?: AddressStatus; reason?: string; domain?: string },
    page: PageRequest,
  ): Promise<Page<AddressView>> {
    const keyset = keysetOf(page);
    const domain = filter.domain?.trim().toLowerCase();
    const [rows, settings] = await Promise.all([
      this.store.listAddresses(accountId, { ...filter, domain }, keyset),
      this.getSettings(accountId),
    ]);
    return pageOf(
      rows,
      keyset.pageSize,
      (r) => r.address,
      (r) => addressView(r, settings),
    );
  }

  async listBounces(
    accountId: string,
    filter: { reason?: string; kind?: Kind; domain?: string; since?: string; until?: string },
    page: PageRequest,
  ): Promise<Page<BounceView>> {
    const keyset = keysetOf(page);
    const since = filter.since === undefined ? undefined : isoOrError(filter.since, 'since');
    const until = filter.until === undefined ? undefined : isoOrError(filter.until, 'until');
    const domain = filter.domain?.trim().toLowerCase();
    const rows = await this.store.listBounceEvents(accountId, { ...filter, domain, since, until }, keyset);
    return pageOf(rows, keyset.pageSize, (r) => r.id, bounceView);
  }

  getBounceRaw(accountId: string, bounceId: string): Promise<Uint8Array | undefined> {
    return this.store.getBounceRaw(accountId, bounceId);
  }

  block(accountId: string, address: string, actor: string, note: string): Promise<AddressView> {
    return this.adminAction(accountId, address, 'admin-block', actor, note);
  }

  unblock(
    accountId: string,
    address: string,
    actor: string,
    note: string,
    within?: (tx: StoreTx) => Promise<void>,
  ): Promise<AddressView> {
    return this.adminAction(accountId, address, 'admin-unblock', actor, note, within);
  }

  stats(
    accountId: string,
    range: { from: string; to: string },
    groupBy: 'day' | 'reason' | 'domain',
  ): Promise<StatsRow[]> {
    return stats(this.store, accountId, range, groupBy);
  }

  async getSettings(accountId: string): Promise<PolicySettings> {
    const account = await this.store.getAccount(accountId);
    if (account === undefined) throw new ReboundError('not_found', 'No such account.');
    const parsed = parseSettings(account.settings);
    // Stored settings were validated on write; if a later version reads them differently, the defaults hold.
    return parsed.ok ? parsed.settings : DEFAULT_SETTINGS;
  }

  async updateSettings(accountId: string, settings: Partial<PolicySettings>): Promise<PolicySettings> {
    const parsed = parseSettings(settings, await this.getSettings(accountId));
    if (!parsed.ok) throw new ReboundError('invalid_request', parsed.errors.join('; '));
    await this.store.updateAccountSettings(accountId, parsed.settings);
    return parsed.settings;
  }

  createApiKey(accountId: string, role: Role, name: string): Promise<{ id: string; secret: string }> {
    return createApiKey(this.store, accountId, role, name);
  }

  close(): Promise<void> {
    return this.store.close();
  }

  /** An admin's block or unblock: a signal like any other, so it is audited in the same log. */
  private async adminAction(
    accountId: string,
    input: string,
    type: 'admin-block' | 'admin-unblock',
    actor: string,
    note: string,
    within?: (tx: StoreTx) => Promise<void>,
  ): Promise<AddressView> {
    const address = normaliseAddress(input);
    const settings = await this.getSettings(accountId);
    if (type === 'admin-unblock')
      unblockAllowed((await this.store.getAddresses(accountId, [address])).get(address), address, settings);
    const event = actionEvent(accountId, address, type, new Date().toISOString(), { actor, note });
    const rows = await this.store.transaction(async (tx) => {
      const changed = await recordSignals(tx, accountId, [event], settings);
      await within?.(tx);
      return changed;
    });
    const row = rows.get(address);
    if (row === undefined) throw new Error(`address ${address} missing after ${type}`);
    return addressView(row, settings);
  }
}

/** An unblock needs a history, and stays within the account's limit (maxUnblocks) once the address is blocked. */
function unblockAllowed(row: AddressRow | undefined, address: string, settings: PolicySettings): void {
  if (row === undefined)
    throw new ReboundError('not_found', `${address} has no history: there is nothing to unblock.`);
  if (row.status === 'blocked' && row.unblocks >= settings.maxUnblocks) {
    throw new ReboundError(
      'unblock_limit',
      `${address} was unblocked ${row.unblocks} times already; this account allows ${settings.maxUnblocks} (setting maxUnblocks).`,
    );
  }
}
