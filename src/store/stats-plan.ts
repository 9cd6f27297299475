/**
 * How GET /v1/stats reads a period [from, to) from counters kept per bucket (an hour or a day): the whole
 * buckets inside the period from the counters, the rest (a part of a bucket at each end, when from or to
 * is not on a bucket's edge) from the events themselves, so the answer is exact for any from and to. Pure.
 */

export interface TimeRange {
  /** Canonical ISO 8601 UTC, as the store compares them. */
  from: string;
  to: string;
}

export interface StatsPlan {
  /** The whole buckets inside the period, as bucket keys [from, to); empty (from === to) when none. */
  buckets: { from: string; to: string };
  /** The parts of the period outside those buckets, read from the events; an empty one has from === to. */
  edges: [TimeRange, TimeRange];
}

export interface Bucket {
  ms: number;
  /** A bucket's key is the first `keyLength` characters of its start's ISO string. */
  keyLength: number;
}

export const HOUR: Bucket = { ms: 3_600_000, keyLength: 13 };
export const DAY: Bucket = { ms: 86_400_000, keyLength: 10 };

export function statsPlan(range: TimeRange, bucket: Bucket): StatsPlan {
  const from = Date.parse(range.from);
  const to = Date.parse(range.to);
  const first = Math.ceil(from / bucket.ms) * bucket.ms;
  const last = Math.floor(to / bucket.ms) * bucket.ms;
  const iso = (t: number): string => new Date(t).toISOString();
  const key = (t: number): string => iso(t).slice(0, bucket.keyLength);
  if (!(first < last)) {
    return {
      buckets: { from: key(first), to: key(first) },
      edges: [range, { from: range.to, to: range.to }],
    };
  }
  return {
    buckets: { from: key(first), to: key(last) },
    edges: [
      { from: range.from, to: iso(first) },
      { from: iso(last), to: range.to },
    ],
  };
}
