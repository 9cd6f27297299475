import type { Kind, Reason } from '../classify/reasons.js';
import type { Verdict } from '../classify/types.js';
import type { AccessStore } from './access.js';
import type { AddressState, AddressStatus, PolicySettings, SignalType } from '../policy/types.js';
import type { Role } from '../service/types.js';
import type { CaptureSettingsStore } from './capture-settings.js';
import type { UnblockRequestDecision, UnblockRequestRow, UnblockStore } from './unblocks.js';
import type { Announce } from './outbox.js';
import type { IncidentStore } from './incidents.js';
import type { GuardStore, OutboxTx } from './guard.js';
import type { StoreBootstrap } from './bootstrap.js';
import type { SpamSummary } from '../capture/spam/spam-summary.js';

/**
 * What Rebound persists, and nothing of its rules: the service decides, the store remembers.
 * Two implementations (sqlite/, postgres/) pass one test suite. Nothing here keeps state in the
 * process that a second process would need to agree on: ids come from the database or crypto,
 * concurrency is settled by transactions and row locks.
 * Timestamps go in and come out as ISO 8601 strings in UTC with milliseconds.
 */
export interface AccountRow {
  id: string;
  name: string;
  settings: Partial<PolicySettings>;
  createdAt: string;
}

export interface ApiKeyRow {
  id: string;
  accountId: string;
  role: Role;
  name: string;
  /** SHA-256 of the secret, hex. The secret itself is never stored. */
  secretHash: string;
  createdAt: string;
  revokedAt: string | null;
}

/** The current state of one address, as the policy left it. */
export interface AddressRow extends AddressState {
  accountId: string;
  /** The sentence of the transition that led here. */
  explanation: string;
  updatedAt: string;
}

/** What the send gate reads of an address: its standing and what explains it, nothing more. */
export type GateRow = Pick<
  AddressRow,
  'status' | 'softBounces' | 'reason' | 'explanation' | 'blockedAt' | 'lastSoftAt'
>;

export type EventType = SignalType | 'state-changed';

/** Free-form details of an event: a verdict's extras, an admin action, a transition. */
export interface EventData {
  decoder?: string;
  rule?: string;
  replyCode?: number | null;
  blocklist?: string | null;
  actor?: string;
  note?: string;
  from?: AddressStatus;
  to?: AddressStatus;
  explanation?: string;
  /** The event that caused a state change. */
  causedBy?: string;
  /** The campaign or tag of a send (POST /v1/events, X-Rebound-Campaign), for per-campaign rates. */
  campaign?: string;
  /** A send's SpamAssassin score and the rules that fired (docs/pre-send-checks.md). */
  spam?: SpamSummary;
}

export interface NewEvent {
  accountId: string;
  address: string;
  type: EventType;
  at: string;
  receivedAt: string;
  reason: Reason | null;
  kind: Kind | null;
  status: string | null;
  diagnosticCode: string | null;
  bounceId: string | null;
  messageId: string | null;
  /** Unique per account when set: the same key twice is stored once. */
  dedupeKey: string | null;
  data: EventData;
}

export interface EventRow extends NewEvent {
  id: string;
}

export interface NewBounce {
  accountId: string;
  receivedAt: string;
  /** SHA-256 of the raw bytes, hex: the idempotency key. */
  sha256: string;
  raw: Uint8Array;
  verdicts: Verdict[];
  messageId: string | null;
  /** `raw` already compressed by compressRaw (an import worker did it off the writing thread). */
  compressed?: Uint8Array | undefined;
}

export interface BounceRow {
  id: string;
  accountId: string;
  receivedAt: string;
  sha256: string;
  size: number;
  verdicts: Verdict[];
  messageId: string | null;
}

export interface AddressFilter {
  status?: AddressStatus | undefined;
  reason?: string | undefined;
  domain?: string | undefined;
}

export interface BounceEventFilter {
  reason?: string | undefined;
  kind?: Kind | undefined;
  domain?: string | undefined;
  since?: string | undefined;
  until?: string | undefined;
}

/** Keyset pagination: rows strictly after `after` in the listing's order, at most `limit`. */
export interface Keyset {
  after: string | null;
  limit: number;
}

export type StatsGroup = 'day' | 'reason' | 'domain';

export interface StatsCount {
  key: string;
  type: EventType;
  kind: Kind | null;
  count: number;
}

/**
 * The writes of one ingest, all inside one transaction; `enqueueGuardEvents` puts the outbound webhooks
 * that announce them in the same transaction, so a crash cannot keep the change and lose its webhook.
 */
export interface StoreTx extends OutboxTx {
  /** Stores the mail; undefined when a mail with the same sha256 is already there. */
  insertBounce(bounce: NewBounce): Promise<string | undefined>;
  /** insertBounce for many mails (distinct sha256s), in few statements; each mail's id or undefined. */
  insertBounces(bounces: NewBounce[]): Promise<(string | undefined)[]>;
  /** Appends; undefined when the dedupe key is already taken. */
  appendEvent(event: NewEvent): Promise<string | undefined>;
  /**
   * Appends an event whose dedupe key cannot be taken (null, or naming a bounce stored by this
   * transaction) and returns its id at once; the write may wait until the transaction's next read of
   * events or write of addresses (PostgreSQL: one statement for many events instead of one each).
   */
  appendFreshEvent(event: NewEvent): Promise<string>;
  /** Which of these dedupe keys are taken by stored events of the account: one statement for many keys. */
  takenKeys(accountId: string, keys: string[]): Promise<Set<string>>;
  /**
   * Current states of these addresses, created as `active` when new, and locked until the
   * transaction ends so concurrent ingests of the same address queue up instead of losing updates.
   */
  lockAddresses(accountId: string, addresses: string[]): Promise<Map<string, AddressRow>>;
  /** Every signal event of the address (state changes excluded), in arrival (id) order: replay sorts by event time itself. */
  signalEvents(accountId: string, address: string): Promise<EventRow[]>;
  /** Saves rows (inserted, or replacing the stored ones), in one statement where the database allows. */
  writeAddresses(rows: AddressRow[]): Promise<void>;
  /**
   * Decides a pending unblock request, announced by `announce` in this transaction; undefined when it is
   * not pending (any more): decided (and announced) once, never twice. In the transaction of the store's
   * other writes, so an approval's unblock and its decision commit together.
   */
  decideUnblockRequest(
    accountId: string,
    id: string,
    decision: UnblockRequestDecision,
    announce: Announce<UnblockRequestRow>,
  ): Promise<UnblockRequestRow | undefined>;
}

export interface Store {
  readonly dialect: 'sqlite' | 'postgres';
  /** Per-account settings of the capture paths (sending checks, webhook secrets). */
  readonly captureSettings: CaptureSettingsStore;
  /** Unblock requests and the block-expiry sweep's reads (src/store/unblocks.ts). */
  readonly unblocks: UnblockStore;
  /** The dashboard's people, sessions and key management (src/store/access.ts). */
  readonly access: AccessStore;
  /** Sender incidents, DNS blocklist checks and guard settings (src/store/incidents.ts). */
  readonly incidents: IncidentStore;
  /** The deliverability guard's tables (src/store/guard.ts). */
  readonly guard: GuardStore;
  /** The first start's writes, safe when several processes start at once. */
  readonly bootstrap: StoreBootstrap;
  /** Runs fn in one transaction: all its writes or none. Transactions never interleave on one row. */
  transaction<T>(fn: (tx: StoreTx) => Promise<T>): Promise<T>;

  createAccount(name: string, settings?: Partial<PolicySettings>): Promise<AccountRow>;
  getAccount(id: string): Promise<AccountRow | undefined>;
  /** The first account created: the default one of a single-CRM install. */
  firstAccount(): Promise<AccountRow | undefined>;
  updateAccountSettings(id: string, settings: Partial<PolicySettings>): Promise<void>;

  insertApiKey(key: Omit<ApiKeyRow, 'id' | 'createdAt' | 'revokedAt'>): Promise<ApiKeyRow>;
  findApiKeyByHash(secretHash: string): Promise<ApiKeyRow | undefined>;
  countApiKeys(accountId: string, role?: Role): Promise<number>;

  findBounceBySha(accountId: string, sha256: string): Promise<BounceRow | undefined>;
  /** The stored mails among these hashes, by hash. One round trip. */
  findBouncesBySha(accountId: string, sha256s: string[]): Promise<Map<string, BounceRow>>;
  getBounceRaw(accountId: string, id: string): Promise<Uint8Array | undefined>;
  /** Events that came from stored mails, newest first. */
  listBounceEvents(accountId: string, filter: BounceEventFilter, page: Keyset): Promise<EventRow[]>;

  /** States of the addresses that have one; absent ones were never seen. One round trip. */
  getAddresses(accountId: string, addresses: string[]): Promise<Map<string, AddressRow>>;
  /**
   * The send gate's read of up to 100,000 addresses (repeats allowed): getAddresses with only the
   * columns the answer needs (every column read costs a string per row), by position in the list
   * (undefined: never seen). One round trip.
   */
  gateRows(accountId: string, addresses: string[]): Promise<(GateRow | undefined)[]>;
  /** Addresses in address order. */
  listAddresses(accountId: string, filter: AddressFilter, page: Keyset): Promise<AddressRow[]>;
  /** Every event of the address, state changes included, in event-time order. */
  addressHistory(accountId: string, address: string): Promise<EventRow[]>;

  /** Counts of events with event time in [from, to), by key, type and kind. */
  countEvents(
    accountId: string,
    range: { from: string; to: string },
    groupBy: StatsGroup,
  ): Promise<StatsCount[]>;

  close(): Promise<void>;
}

export function domainOf(address: string): string {
  return address.slice(address.lastIndexOf('@') + 1);
}

/** The row of an address never seen before: active, no history. */
export function freshAddressRow(accountId: string, address: string, now: string): AddressRow {
  return {
    accountId,
    address,
    status: 'active',
    softBounces: 0,
    lastSoftAt: null,
    reason: null,
    explanation: '',
    blockedAt: null,
    decidedBy: null,
    lastEventAt: null,
    unblocks: 0,
    updatedAt: now,
  };
}
