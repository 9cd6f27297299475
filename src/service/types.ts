import type { Kind, Reason } from '../classify/reasons.js';
import type { Verdict } from '../classify/types.js';
import type { SpamSummary } from '../capture/spam/spam-summary.js';
import type { Hold } from '../guard/holds.js';
import type { AddressState, AddressStatus, PolicySettings, SignalType } from '../policy/types.js';
import type { StateMessage } from '../policy/explain.js';
import type { StoreTx } from '../store/store.js';

/**
 * What the edges (HTTP API, CLI, SMTP capture) may ask of Rebound. One implementation
 * (src/service/rebound-service.ts) runs on any Store; the edges never touch the store directly.
 * Every method is scoped to an account: an id from another account is simply not found.
 */
export type Role = 'admin' | 'user';

export interface Principal {
  accountId: string;
  /** The API key used; for a person logged in to the dashboard, the empty string (see userId). */
  keyId: string;
  role: Role;
  /** Set when a person (src/access) is logged in: audit entries name them instead of a key. */
  userId?: string | undefined;
}

export interface Page<T> {
  items: T[];
  /** Opaque cursor for the next page, null on the last. */
  next: string | null;
}

export interface PageRequest {
  limit?: number | undefined;
  cursor?: string | undefined;
}

/** An event as the CRM or a provider reports it (POST /v1/events). */
export interface EventInput {
  type: 'sent' | 'delivered' | 'deferred' | 'bounced' | 'complained';
  recipient: string;
  messageId?: string | undefined;
  /** Event time; defaults to when Rebound received it. */
  at?: string | undefined;
  reason?: Reason | undefined;
  status?: string | undefined;
  replyCode?: number | undefined;
  diagnosticCode?: string | undefined;
  /** For a send: its campaign or tag, so its bounces count in that campaign's rates. */
  campaign?: string | undefined;
  /** For a send through Rebound's own outbox: its content score. Trusted input only (not POST /v1/events). */
  spam?: SpamSummary | undefined;
}

export interface AddressView {
  address: string;
  /** active, soft or blocked: the name the send gate's answer and the list's filter use. */
  state: AddressStatus;
  /** The same value as state, under the name these views had first; kept for the clients that read it. */
  status: AddressStatus;
  softBounces: number;
  reason: AddressState['reason'];
  blockedAt: string | null;
  /** One sentence: why the address is in this state. */
  explanation: string;
  /** Why, as a code and its values, for a page that says it in another language (policy/explain.ts). */
  explanationCode: StateMessage['code'];
  explanationParams: StateMessage['params'];
}

export interface HistoryEntry {
  eventId: string;
  type: SignalType | 'state-changed';
  at: string;
  receivedAt: string;
  reason: Reason | null;
  kind: Kind | null;
  status: string | null;
  diagnosticCode: string | null;
  bounceId: string | null;
  /** For state changes: from -> to, and the sentence. */
  from?: AddressStatus | undefined;
  to?: AddressStatus | undefined;
  explanation?: string | undefined;
  actor?: string | undefined;
  note?: string | undefined;
  /** On a `sent` event from Rebound's outbox: the SpamAssassin score and the rules that fired. */
  spam?: SpamSummary | undefined;
}

export interface AddressDetail extends AddressView {
  /** The event that blocked it (or made it soft), with its verdict. */
  decidedBy: HistoryEntry | null;
  history: HistoryEntry[];
}

export interface CheckResult {
  address: string;
  allowed: boolean;
  state: AddressStatus;
  reason: AddressState['reason'];
  explanation: string;
  /** Present when a pause or an incident holds the send (allowed: false, try later); the state is untouched. */
  held?: Hold | undefined;
}

export interface BounceView {
  id: string;
  receivedAt: string;
  recipient: string;
  reason: Reason;
  kind: Kind;
  status: string | null;
  diagnosticCode: string | null;
  decoder: string;
  messageId: string | null;
}

export interface IngestResult {
  bounceId: string | null;
  /** True when the same mail (or the same event) was already ingested: nothing changed. */
  duplicate: boolean;
  verdicts: Verdict[];
  states: AddressView[];
}

export interface StatsRow {
  key: string;
  sent: number;
  delivered: number;
  deferred: number;
  bounced: Record<Kind, number>;
  complaints: number;
  bounceRate: number;
  complaintRate: number;
}

export interface ReboundService {
  authenticate(secret: string): Promise<Principal | undefined>;
  /**
   * Classify a raw mail, store it (compressed), apply its verdicts. Idempotent on the mail's bytes.
   * `verdicts`: classify(raw) already computed by the caller, so it is not done twice.
   */
  ingestBounce(accountId: string, raw: Uint8Array, verdicts?: Verdict[]): Promise<IngestResult>;
  /** Apply events; idempotent on (type, recipient, messageId, at) when messageId is given. */
  ingestEvents(accountId: string, events: EventInput[]): Promise<{ results: AddressView[] }>;
  /** The send gate: one result per address, in order; `campaign` lets a campaign's pause hold it. */
  check(accountId: string, addresses: string[], campaign?: string): Promise<CheckResult[]>;
  getAddress(accountId: string, address: string): Promise<AddressDetail | undefined>;
  listAddresses(
    accountId: string,
    filter: { status?: AddressStatus; reason?: string; domain?: string },
    page: PageRequest,
  ): Promise<Page<AddressView>>;
  listBounces(
    accountId: string,
    filter: { reason?: string; kind?: Kind; domain?: string; since?: string; until?: string },
    page: PageRequest,
  ): Promise<Page<BounceView>>;
  getBounceRaw(accountId: string, bounceId: string): Promise<Uint8Array | undefined>;
  block(accountId: string, address: string, actor: string, note: string): Promise<AddressView>;
  /** `within`, when given, writes in the unblock's transaction: both commit, or neither. */
  unblock(
    accountId: string,
    address: string,
    actor: string,
    note: string,
    within?: (tx: StoreTx) => Promise<void>,
  ): Promise<AddressView>;
  stats(
    accountId: string,
    range: { from: string; to: string },
    groupBy: 'day' | 'reason' | 'domain',
  ): Promise<StatsRow[]>;
  getSettings(accountId: string): Promise<PolicySettings>;
  updateSettings(accountId: string, settings: Partial<PolicySettings>): Promise<PolicySettings>;
  createApiKey(accountId: string, role: Role, name: string): Promise<{ id: string; secret: string }>;
  close(): Promise<void>;
}
