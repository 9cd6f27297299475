import { apply, bounceVerdict, initialState } from './apply.js';
import { compareSignalsAt } from './event-order.js';
import type { AddressState, PolicySettings, Signal, Transition } from './types.js';

/**
 * Rebuilds an address from all its signals: sorted by event time (ties by id), then applied in order.
 * The store calls it when a signal arrives older than the address's lastEventAt.
 *
 * Event order alone would let a late bounce block an address that has received mail since (5 soft
 * bounces, a delivery at t7, then the 6th soft bounce of t6 arriving last). So a bounce that is older than
 * a delivery which arrived before it is applied without effect. Arrival order is `receivedAt` when every
 * signal has a readable one, else the order of `signals` (pass them in the order they were received).
 */
export function replay(
  address: string,
  signals: Signal[],
  settings: PolicySettings,
): { state: AddressState; transitions: Transition[] } {
  const log = ReplayLog.of(address, signals, settings);
  return { state: log.state, transitions: [...log.transitions] };
}

/**
 * A replay kept up to date as signals arrive: after `add`, it holds what `replay` would give on every
 * signal so far, in the order they were added. A signal that arrives last changes nothing before its
 * place in event order, so only the transitions from there on are applied again; when it cannot be
 * shown to arrive last (its receivedAt is older or unreadable), the whole history is re-played.
 */
export class ReplayLog {
  /** In the order received: `replay`'s arrival order when receivedAt cannot decide. */
  private received: Signal[] = [];
  /** In event order, with their times read once. */
  private entries: Entry[] = [];
  private superseded: (Signal | undefined)[] = [];
  private applied: Transition[] = [];
  /** Whether every signal has a readable receivedAt, and the newest of them. */
  private byReceivedAt = true;
  private lastReceived = -Infinity;

  private constructor(
    readonly address: string,
    private readonly settings: PolicySettings,
  ) {}

  static of(address: string, signals: Signal[], settings: PolicySettings): ReplayLog {
    const log = new ReplayLog(address, settings);
    log.rebuild(signals);
    return log;
  }

  get state(): AddressState {
    return this.applied.at(-1)?.after ?? initialState(this.address);
  }

  /** One per signal, in event order. */
  get transitions(): readonly Transition[] {
    return this.applied;
  }

  /** Takes in a signal received after all those already in the log. */
  add(signal: Signal): void {
    const receivedAt = readTime(signal.receivedAt);
    if (this.byReceivedAt && !(receivedAt >= this.lastReceived)) {
      this.rebuild([...this.received, signal]);
      return;
    }
    this.received.push(signal);
    if (this.byReceivedAt) this.lastReceived = receivedAt;
    const entry = entryOf(signal, this.entries.length);
    const at = insertionPoint(this.entries, entry);
    const earlier: Earlier = { transitions: this.applied, superseded: this.superseded, inserted: at };
    this.entries.splice(at, 0, entry);
    this.superseded = supersededBounces(this.entries);
    // Nothing before `at` can change (the newcomer arrived last, so it supersedes no earlier bounce); the
    // comparison makes that visible rather than assumed.
    const from = Math.min(at, firstDifference(earlier.superseded, this.superseded, at));
    this.applied = this.applied.slice(0, from);
    this.applyFrom(from, earlier);
  }

  private rebuild(signals: Signal[]): void {
    const times = signals.map((s) => readTime(s.receivedAt));
    this.byReceivedAt = times.every(Number.isFinite);
    this.lastReceived = this.byReceivedAt ? times.reduce((a, b) => Math.max(a, b), -Infinity) : -Infinity;
    this.received = [...signals];
    this.entries = arrivalOrder(signals, this.byReceivedAt ? times : undefined)
      .map((signal, arrival) => entryOf(signal, arrival))
      .sort(compareEntries);
    this.superseded = supersededBounces(this.entries);
    this.applied = [];
    this.applyFrom(0);
  }

  /**
   * Applies the entries from `from` on, after the transitions kept before it. A step that gets the same
   * signal, state and superseding delivery as in the `earlier` replay gives the same transition: kept.
   */
  private applyFrom(from: number, earlier?: Earlier): void {
    let state = from === 0 ? initialState(this.address) : (this.applied[from - 1] as Transition).after;
    for (let i = from; i < this.entries.length; i++) {
      const supersededBy = this.superseded[i];
      const before = earlier === undefined ? undefined : earlierStep(earlier, i);
      const transition =
        before !== undefined &&
        before.supersededBy === supersededBy &&
        sameState(before.transition.before, state)
          ? before.transition
          : apply(state, (this.entries[i] as Entry).signal, this.settings, { supersededBy });
      this.applied.push(transition);
      state = transition.after;
    }
  }
}

/** The replay before a signal was inserted at `inserted`. */
interface Earlier {
  transitions: readonly Transition[];
  superseded: (Signal | undefined)[];
  inserted: number;
}

/** What the earlier replay did at what is now position `i`: undefined for the inserted signal. */
function earlierStep(
  earlier: Earlier,
  i: number,
): { transition: Transition; supersededBy: Signal | undefined } | undefined {
  if (i === earlier.inserted) return undefined;
  const old = i < earlier.inserted ? i : i - 1;
  const transition = earlier.transitions[old];
  return transition === undefined ? undefined : { transition, supersededBy: earlier.superseded[old] };
}

function sameState(a: AddressState, b: AddressState): boolean {
  return (
    a.status === b.status &&
    a.softBounces === b.softBounces &&
    a.lastSoftAt === b.lastSoftAt &&
    a.reason === b.reason &&
    a.blockedAt === b.blockedAt &&
    a.decidedBy === b.decidedBy &&
    a.lastEventAt === b.lastEventAt &&
    a.unblocks === b.unblocks &&
    a.address === b.address
  );
}

interface Entry {
  signal: Signal;
  /** Date.parse of signal.at, read once for the sort. */
  at: number;
  /** Rank in arrival order. */
  arrival: number;
  delivery: boolean;
}

function entryOf(signal: Signal, arrival: number): Entry {
  return { signal, at: Date.parse(signal.at), arrival, delivery: isDelivery(signal) };
}

function compareEntries(a: Entry, b: Entry): number {
  return compareSignalsAt(a.signal, a.at, b.signal, b.at);
}

/** After every entry that sorts before or with it: a tie goes after those that arrived before. */
function insertionPoint(entries: Entry[], entry: Entry): number {
  let low = 0;
  let high = entries.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (compareEntries(entries[mid] as Entry, entry) <= 0) low = mid + 1;
    else high = mid;
  }
  return low;
}

function firstDifference<T>(a: T[], b: T[], end: number): number {
  for (let i = 0; i < end; i++) if (a[i] !== b[i]) return i;
  return end;
}

function readTime(at: string | undefined): number {
  return at === undefined ? NaN : Date.parse(at);
}

/** By receivedAt when given (same receivedAt, as in one batch: the order of `signals`), else as given. */
function arrivalOrder(signals: Signal[], receivedAt: number[] | undefined): Signal[] {
  if (receivedAt === undefined) return signals;
  return signals
    .map((signal, index) => ({ signal, index, at: receivedAt[index] as number }))
    .sort((a, b) => a.at - b.at || a.index - b.index)
    .map(({ signal }) => signal);
}

/**
 * For each position in event order: the newer delivery that arrived before this bounce, if any.
 * One pass from the newest event back, keeping the earliest-arrived delivery seen so far.
 */
function supersededBounces(ordered: Entry[]): (Signal | undefined)[] {
  const result: (Signal | undefined)[] = new Array<Signal | undefined>(ordered.length).fill(undefined);
  let firstArrived: Entry | undefined;
  for (let i = ordered.length - 1; i >= 0; i--) {
    const current = ordered[i];
    if (current === undefined) continue;
    if (current.delivery) {
      if (firstArrived === undefined || current.arrival < firstArrived.arrival) firstArrived = current;
    } else if (current.signal.type === 'bounced' && firstArrived !== undefined) {
      if (firstArrived.arrival < current.arrival) result[i] = firstArrived.signal;
    }
  }
  return result;
}

function isDelivery(signal: Signal): boolean {
  if (signal.type === 'delivered') return true;
  return signal.type === 'bounced' && bounceVerdict(signal).kind === 'delivered';
}
