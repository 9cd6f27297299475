import type { Kind, Reason } from '../classify/reasons.js';

/**
 * The CRM rules as types. An address is `active` (may be sent to), `soft` (soft-bouncing: still
 * allowed, counting) or `blocked` (no more mail). The policy is pure: state + signal + settings ->
 * next state and a sentence that explains it.
 */
export type AddressStatus = 'active' | 'soft' | 'blocked';

export type SignalType =
  | 'sent'
  | 'delivered'
  | 'deferred'
  | 'bounced'
  | 'complained'
  | 'autoreplied'
  | 'admin-block'
  | 'admin-unblock'
  | 'block-expired'
  | 'expiry-held'
  | 'sender-repair';

/** One thing that happened to an address, as the policy sees it. */
export interface Signal {
  /** Stable id of the stored event that carries the signal. */
  id: string;
  type: SignalType;
  /** When it happened (event time, ISO 8601), not when Rebound heard of it. */
  at: string;
  /**
   * When Rebound heard of it (ISO 8601). Optional: `replay` uses it to tell an old bounce that arrived
   * after a newer delivery; without it, the order of the array passed to `replay` is the arrival order.
   */
  receivedAt?: string | undefined;
  /** For bounced: the verdict's reason and kind (kind from the taxonomy). */
  reason?: Reason | undefined;
  kind?: Kind | undefined;
  status?: string | undefined;
  diagnosticCode?: string | undefined;
  /** For admin actions and the block-expiry sweep: who and why. */
  actor?: string | undefined;
  note?: string | undefined;
}

export interface PolicySettings {
  /** Soft bounces tolerated after the first: 5 means the 6th consecutive soft bounce blocks. */
  softBounceRetries: number;
  /** Whether a complaint (feedback loop report) blocks the address. */
  complaintsBlock: boolean;
  /** A soft streak with no soft bounce for this many days restarts at the next one; null: never. */
  softStreakExpiryDays: number | null;
  /** A bounce block older than this many days is lifted by the sweep if the domain still takes mail; null: never. */
  hardBlockExpiryDays: number | null;
  /** How many times an address may be unblocked (by an admin or an approved request). */
  maxUnblocks: number;
  /** Whether an unblock request also asks the domain's MX about the recipient (RCPT, no message sent). */
  unblockProbe: boolean;
  /** A request for a hard-bounce block older than this many days is approved without an admin; null: never. */
  autoApproveAfterDays: number | null;
}

export const DEFAULT_SETTINGS: PolicySettings = {
  softBounceRetries: 5,
  complaintsBlock: true,
  softStreakExpiryDays: null,
  hardBlockExpiryDays: null,
  maxUnblocks: 5,
  unblockProbe: false,
  autoApproveAfterDays: null,
};

export interface AddressState {
  address: string;
  status: AddressStatus;
  /** Consecutive soft bounces in the current streak (0 when active). */
  softBounces: number;
  /** Event time of the newest soft bounce of the streak: where a quiet period is counted from. */
  lastSoftAt: string | null;
  /** Why the address is soft or blocked (the reason of the deciding signal), else null. */
  reason: Reason | 'complaint' | 'admin' | null;
  blockedAt: string | null;
  /** The signal that made the address soft or blocked. */
  decidedBy: string | null;
  /** Event time of the newest signal applied. */
  lastEventAt: string | null;
  /**
   * How many times an admin unblocked it (capped by maxUnblocks); block expiries and sender-incident
   * repairs do not count: neither is a judgement that the address itself is fine to mail again.
   */
  unblocks: number;
}

/** What explains an address's current state (explainState): the send gate reads only this. */
export type Standing = Pick<AddressState, 'status' | 'softBounces' | 'reason' | 'blockedAt' | 'lastSoftAt'>;

/** What applying one signal did, with a sentence a support agent can read. */
export interface Transition {
  before: AddressState;
  after: AddressState;
  changed: boolean;
  signal: Signal;
  explanation: string;
}
