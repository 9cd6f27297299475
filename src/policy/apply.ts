import { REASONS, isReason, type Kind, type Reason } from '../classify/reasons.js';
import { laterOf } from './event-order.js';
import { explainOutcome, type Outcome } from './explain.js';
import { expirableBlock, staleStreak } from './time-rules.js';
import type { AddressState, PolicySettings, Signal, Transition } from './types.js';

/**
 * The CRM rules as one pure step: state + signal + settings -> transition. No I/O, no clock: every time
 * comes from the signal. Never throws on data: an unknown type, kind or reason is explained, not fatal.
 */

export interface ApplyContext {
  /**
   * A delivery that is newer (event time) than this bounce but arrived before it. `replay` sets it:
   * such an old bounce is recorded without effect, so it cannot block an address that has received mail since.
   */
  supersededBy?: Signal | undefined;
}

export function initialState(address: string): AddressState {
  return {
    address,
    status: 'active',
    softBounces: 0,
    lastSoftAt: null,
    reason: null,
    blockedAt: null,
    decidedBy: null,
    lastEventAt: null,
    unblocks: 0,
  };
}

export function apply(
  state: AddressState,
  signal: Signal,
  settings: PolicySettings,
  context: ApplyContext = {},
): Transition {
  const [outcome, next] = decide(state, signal, settings, context);
  // Every applied signal moves lastEventAt, even one that changes nothing: the store compares an incoming
  // signal with it to decide whether the address must be re-played.
  const after: AddressState = { ...next, lastEventAt: laterOf(state.lastEventAt, signal.at) };
  // The sentence is written on first read: a replay re-applies whole histories, and the store keeps
  // only the sentences of changes, so most transitions are never explained.
  let explanation: string | undefined;
  return {
    before: state,
    after,
    changed: standingChanged(state, after),
    signal,
    get explanation(): string {
      return (explanation ??= explainOutcome(outcome, signal, state));
    },
  };
}

type Decision = [Outcome, AddressState];

/** The signals that act on a blocked address; every other one finds it "already blocked". */
const LIFTS_BLOCKS: ReadonlySet<Signal['type']> = new Set([
  'admin-unblock',
  'block-expired',
  'expiry-held',
  'sender-repair',
]);

function decide(
  state: AddressState,
  signal: Signal,
  settings: PolicySettings,
  context: ApplyContext,
): Decision {
  if (state.status === 'blocked' && !LIFTS_BLOCKS.has(signal.type))
    return [{ kind: 'already-blocked' }, state];
  switch (signal.type) {
    case 'sent':
      return [{ kind: 'sent' }, state];
    case 'deferred':
      return [{ kind: 'deferred' }, state];
    case 'autoreplied':
      return [{ kind: 'autoreply' }, state];
    case 'delivered':
      return delivered(state);
    case 'complained':
      return complained(state, signal, settings);
    case 'bounced':
      return bounced(state, signal, settings, context);
    case 'admin-block':
      return [{ kind: 'admin-block' }, block(state, signal, 'admin')];
    case 'admin-unblock':
      return unblock(state);
    case 'block-expired':
      return expire(state);
    case 'expiry-held':
      return [{ kind: 'expiry-held' }, state];
    case 'sender-repair':
      return repair(state);
    default:
      return [{ kind: 'unknown' }, state];
  }
}

function bounced(
  state: AddressState,
  signal: Signal,
  settings: PolicySettings,
  context: ApplyContext,
): Decision {
  const { reason, kind } = bounceVerdict(signal);
  if (kind === 'delivered') return delivered(state);
  if (kind === 'complaint') return complained(state, signal, settings);
  if (kind === 'autoreply') return [{ kind: 'autoreply' }, state];
  if (kind === 'sender') return [{ kind: 'sender', reason }, state];
  if (context.supersededBy !== undefined)
    return [{ kind: 'superseded', reason, by: context.supersededBy }, state];
  if (kind === 'hard') return [{ kind: 'hard', reason }, block(state, signal, reason)];
  return softBounce(state, signal, settings, reason, kind === 'undetermined');
}

/**
 * A bounced signal's reason and kind as the rules read them. An unknown reason reads as `undefined`
 * (undetermined). The signal's kind wins over the reason's: the classifier may judge a `notaccept` soft.
 */
export function bounceVerdict(signal: Signal): { reason: Reason; kind: Kind } {
  const reason: Reason = signal.reason !== undefined && isReason(signal.reason) ? signal.reason : 'undefined';
  const kind =
    signal.kind !== undefined && Object.hasOwn(KNOWN_KINDS, signal.kind) ? signal.kind : REASONS[reason].kind;
  return { reason, kind };
}

const KNOWN_KINDS: Record<Kind, true> = {
  hard: true,
  soft: true,
  sender: true,
  complaint: true,
  autoreply: true,
  delivered: true,
  undetermined: true,
};

function softBounce(
  state: AddressState,
  signal: Signal,
  settings: PolicySettings,
  reason: Reason,
  undetermined: boolean,
): Decision {
  const restarted = staleStreak(state, signal.at, settings);
  const count = (restarted === undefined ? state.softBounces : 0) + 1;
  const limit = settings.softBounceRetries + 1;
  if (count >= limit) {
    const blocked = { ...block(state, signal, reason), softBounces: count, lastSoftAt: signal.at };
    return [{ kind: 'soft-turned-hard', reason, count, undetermined }, blocked];
  }
  // The newest soft bounce is the deciding one: its reason is what an agent needs to see.
  const soft: AddressState = {
    ...state,
    status: 'soft',
    softBounces: count,
    lastSoftAt: signal.at,
    reason,
    decidedBy: signal.id,
  };
  return [{ kind: 'soft', reason, count, limit, undetermined, restarted }, soft];
}

function delivered(state: AddressState): Decision {
  const active: AddressState = {
    ...state,
    status: 'active',
    softBounces: 0,
    lastSoftAt: null,
    reason: null,
    decidedBy: null,
  };
  return [{ kind: 'delivered', endedStreak: state.softBounces }, active];
}

function complained(state: AddressState, signal: Signal, settings: PolicySettings): Decision {
  if (!settings.complaintsBlock) return [{ kind: 'complaint', blocks: false }, state];
  return [{ kind: 'complaint', blocks: true }, block(state, signal, 'complaint')];
}

function block(state: AddressState, signal: Signal, reason: AddressState['reason']): AddressState {
  return { ...state, status: 'blocked', reason, blockedAt: signal.at, decidedBy: signal.id };
}

function unblock(state: AddressState): Decision {
  if (state.status !== 'blocked') return [{ kind: 'not-blocked' }, state];
  const unblocks = state.unblocks + 1;
  return [
    { kind: 'admin-unblock', unblocks },
    { ...lifted(state), unblocks },
  ];
}

/**
 * The sweep found the block old enough and the domain still taking mail. The age was checked when the
 * signal was made (blockExpiryDue): a replay re-applies the decision, it does not re-judge it with
 * today's settings. A complaint or admin block is never lifted this way.
 */
function expire(state: AddressState): Decision {
  if (state.status !== 'blocked') return [{ kind: 'not-blocked' }, state];
  if (!expirableBlock(state)) return [{ kind: 'already-blocked' }, state];
  return [{ kind: 'block-expired' }, lifted(state)];
}

/**
 * A sender incident showed the rejection that blocked the address to be about the sender: the block is
 * lifted without counting towards maxUnblocks (the cap is for people deciding an address is fine again).
 * Like an expiry, it never lifts a complaint or an administrator's block.
 */
function repair(state: AddressState): Decision {
  if (state.status !== 'blocked') return [{ kind: 'not-blocked' }, state];
  if (!expirableBlock(state)) return [{ kind: 'already-blocked' }, state];
  return [{ kind: 'sender-repair' }, lifted(state)];
}

function lifted(state: AddressState): AddressState {
  return {
    ...state,
    status: 'active',
    softBounces: 0,
    lastSoftAt: null,
    reason: null,
    blockedAt: null,
    decidedBy: null,
  };
}

/** Whether the address's standing changed; lastEventAt alone does not count. */
export function standingChanged(a: AddressState, b: AddressState): boolean {
  return (
    a.status !== b.status ||
    a.softBounces !== b.softBounces ||
    a.lastSoftAt !== b.lastSoftAt ||
    a.reason !== b.reason ||
    a.blockedAt !== b.blockedAt ||
    a.decidedBy !== b.decidedBy ||
    a.unblocks !== b.unblocks
  );
}
