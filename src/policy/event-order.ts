import type { Signal } from './types.js';

/**
 * Event-time order. Times are ISO 8601 strings from many sources ("...Z", "...+02:00", with or without
 * milliseconds), so they are compared as instants, not as text. An unreadable time sorts by its text
 * after every readable one rather than throwing: the store validates times, the policy never crashes.
 */
export function compareEventTime(a: string, b: string): number {
  return compareInstants(Date.parse(a), a, Date.parse(b), b);
}

/** compareEventTime on times already read by Date.parse: for sorts, which then read each time once. */
export function compareInstants(ta: number, a: string, tb: number, b: string): number {
  const aOk = Number.isFinite(ta);
  const bOk = Number.isFinite(tb);
  if (aOk && bOk) return ta - tb;
  if (aOk !== bOk) return aOk ? -1 : 1;
  return compareText(a, b);
}

/** The later of two event times; null counts as "never". */
export function laterOf(a: string | null, b: string): string {
  if (a === null || a === b) return b;
  return compareEventTime(b, a) > 0 ? b : a;
}

/** By event time, ties by id: the order in which `replay` applies signals, stable across stores. */
export function compareSignals(a: Signal, b: Signal): number {
  return compareEventTime(a.at, b.at) || compareIds(a.id, b.id);
}

/** compareSignals with each signal's `at` already read by Date.parse. */
export function compareSignalsAt(a: Signal, ta: number, b: Signal, tb: number): number {
  return compareInstants(ta, a.at, tb, b.at) || compareIds(a.id, b.id);
}

/** Store ids are often sequence numbers: '9' comes before '10'. Other ids compare as text. */
function compareIds(a: string, b: string): number {
  if (DIGITS.test(a) && DIGITS.test(b) && a.length !== b.length) return a.length - b.length;
  return compareText(a, b);
}

const DIGITS = /^\d+$/;

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}
