import type { Kind, Reason } from '../../src/classify/reasons.js';
import { apply, initialState } from '../../src/policy/apply.js';
import type { AddressState, PolicySettings, Signal } from '../../src/policy/types.js';

/** Builders for policy tests: minute `n` after a fixed start, ids that sort like their times. */
export const ADDRESS = 'ann@example.org';
const START = Date.parse('2024-05-01T10:00:00Z');

export function minute(n: number): string {
  return new Date(START + n * 60_000).toISOString();
}

function id(n: number): string {
  return `e${String(n).padStart(3, '0')}`;
}

export function bounce(
  n: number,
  kind: Kind | undefined,
  reason?: Reason,
  extra: Partial<Signal> = {},
): Signal {
  return { id: id(n), type: 'bounced', at: minute(n), kind, reason, ...extra };
}

export function soft(n: number, reason: Reason = 'mailboxfull', status = '5.2.2'): Signal {
  return bounce(n, 'soft', reason, { status });
}

export function hard(n: number): Signal {
  return bounce(n, 'hard', 'userunknown', { status: '5.1.1' });
}

export function event(n: number, type: Signal['type'], extra: Partial<Signal> = {}): Signal {
  return { id: id(n), type, at: minute(n), ...extra };
}

/** Soft bounces at minutes from..to, inclusive. */
export function softRun(from: number, to: number): Signal[] {
  const run: Signal[] = [];
  for (let n = from; n <= to; n++) run.push(soft(n));
  return run;
}

/** The live path: each signal applied as it arrives. */
export function fold(signals: Signal[], settings: PolicySettings): AddressState {
  return signals.reduce((state, signal) => apply(state, signal, settings).after, initialState(ADDRESS));
}
