/**
 * The alert window read from hourly counters: the last `windowHours` hours up to now, exactly. Every
 * hour bucket wholly inside counts in full (the current hour included: nothing in it is after now). The
 * oldest bucket, which the window's start cuts, counts for the share of its hour still inside, as if its
 * events were spread evenly over that hour. So the window slides with every evaluation (the timer's
 * minute) instead of by whole hours; the one estimate is the cut hour's spread. Pure.
 */
import type { RateCounts } from '../../store/guard.js';
import { hourOf } from './rate-tally.js';

const HOUR_MS = 3600_000;

/** Where the window starts cutting: the oldest hour bucket and the share of it inside the window. */
export function windowEdge(now: Date, windowHours: number): { oldestHour: string; inside: number } {
  const start = now.getTime() - windowHours * HOUR_MS;
  const hourStart = Math.floor(start / HOUR_MS) * HOUR_MS;
  return {
    oldestHour: hourOf(new Date(hourStart).toISOString()),
    inside: (hourStart + HOUR_MS - start) / HOUR_MS,
  };
}

/** The window's counts: the later hours in full, the oldest weighed by its share inside. */
export function windowCounts(oldest: RateCounts, later: RateCounts, inside: number): RateCounts {
  return {
    sent: later.sent + oldest.sent * inside,
    bounced: later.bounced + oldest.bounced * inside,
    complained: later.complained + oldest.complained * inside,
  };
}
