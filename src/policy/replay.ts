import { apply, bounceVerdict, initialState } from './apply.js';
import { compareEventTime, compareSignals } from './event-order.js';
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
  const ordered = arrivalRanked(signals).sort((a, b) => compareSignals(a.signal, b.signal));
  const superseded = supersededBounces(ordered);
  let state = initialState(address);
  const transitions: Transition[] = [];
  ordered.forEach(({ signal }, i) => {
    const transition = apply(state, signal, settings, { supersededBy: superseded[i] });
    transitions.push(transition);
    state = transition.after;
  });
  return { state, transitions };
}

interface Ranked {
  signal: Signal;
  arrival: number;
}

function arrivalRanked(signals: Signal[]): Ranked[] {
  const byReceivedAt = signals.every(
    (s) => s.receivedAt !== undefined && Number.isFinite(Date.parse(s.receivedAt)),
  );
  const ranked = signals.map((signal, index) => ({ signal, index }));
  if (byReceivedAt) {
    // Same receivedAt (one batch): keep the array order inside it.
    ranked.sort(
      (a, b) => compareEventTime(a.signal.receivedAt ?? '', b.signal.receivedAt ?? '') || a.index - b.index,
    );
  }
  return ranked.map(({ signal }, arrival) => ({ signal, arrival }));
}

/**
 * For each position in event order: the newer delivery that arrived before this bounce, if any.
 * One pass from the newest event back, keeping the earliest-arrived delivery seen so far.
 */
function supersededBounces(ordered: Ranked[]): (Signal | undefined)[] {
  const result: (Signal | undefined)[] = new Array<Signal | undefined>(ordered.length).fill(undefined);
  let firstArrived: Ranked | undefined;
  for (let i = ordered.length - 1; i >= 0; i--) {
    const current = ordered[i];
    if (current === undefined) continue;
    if (isDelivery(current.signal)) {
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
