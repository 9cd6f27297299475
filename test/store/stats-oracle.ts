/**
 * What GET /v1/stats' counts were before the counters (schema 8): one scan of the events of the period,
 * kept here verbatim as the reference the counters must equal. Plus random events and periods to compare
 * them on, from a seeded generator so that a failure can be replayed (REBOUND_TEST_SEED).
 */
import assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { REASON_NAMES, REASONS, type Reason } from '../../src/classify/reasons.js';
import type { EventType, NewEvent, StatsCount, StatsGroup, Store } from '../../src/store/store.js';
import type { Harness } from './backends.js';
import { newEvent } from '../support/new-event.js';

const OLD_KEY = {
  sqlite: { day: 'substr(at, 1, 10)', reason: "coalesce(reason, 'none')", domain: 'domain' },
  postgres: {
    day: `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
    reason: "coalesce(reason, 'none')",
    domain: 'domain',
  },
} as const;

/** Runs SQL on the store's database behind its back (Harness.query). */
export type Query = Harness['query'];

export async function scanCounts(
  query: Query,
  dialect: Store['dialect'],
  accountId: string,
  range: { from: string; to: string },
  groupBy: StatsGroup,
): Promise<StatsCount[]> {
  const [a, f, t] = dialect === 'sqlite' ? ['?', '?', '?'] : ['$1', '$2', '$3'];
  const rows = await query(
    `SELECT ${OLD_KEY[dialect][groupBy]} AS key, type, kind, count(*) AS count FROM events
     WHERE account_id = ${a} AND at >= ${f} AND at < ${t}
       AND type IN ('sent', 'delivered', 'deferred', 'bounced', 'complained')
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3`,
    [accountId, range.from, range.to],
  );
  return rows.map((r) => ({
    key: String(r.key),
    type: r.type as EventType,
    kind: (r.kind ?? null) as StatsCount['kind'],
    count: Number(r.count),
  }));
}

/** The store's answer equals the scan's, rows and order, for each grouping. */
export async function assertSameCounts(
  store: Store,
  query: Query,
  accountId: string,
  range: { from: string; to: string },
  context: string,
): Promise<void> {
  for (const groupBy of ['day', 'reason', 'domain'] as const) {
    assert.deepEqual(
      await store.countEvents(accountId, range, groupBy),
      await scanCounts(query, store.dialect, accountId, range, groupBy),
      `${context}, groupBy=${groupBy}, ${range.from} .. ${range.to}`,
    );
  }
}

export const HOUR_MS = 3_600_000;
export const DAY_MS = 86_400_000;
/** Midnight UTC at the start of the generated events' days. */
export const BASE = Date.parse('2026-03-01T00:00:00.000Z');
const SPAN_DAYS = 4;

export type Random = () => number;

/** The seed of this run: REBOUND_TEST_SEED replays one. */
export function testSeed(): number {
  return Number(process.env.REBOUND_TEST_SEED ?? randomInt(2 ** 31));
}

const pick = <T>(rnd: Random, list: readonly T[]): T => list[Math.floor(rnd() * list.length)] as T;

/** A time in the days of the events, often exactly on an hour's or a day's edge, or a millisecond off one. */
export function randomTime(rnd: Random): number {
  const day = BASE + Math.floor(rnd() * (SPAN_DAYS + 2)) * DAY_MS - DAY_MS;
  const hour = day + Math.floor(rnd() * 24) * HOUR_MS;
  const r = rnd();
  if (r < 0.15) return day;
  if (r < 0.35) return hour;
  if (r < 0.45) return hour - 1;
  return hour + Math.floor(rnd() * HOUR_MS);
}

/** Domains whose order differs between byte order and a language's collation. */
const DOMAINS = ['one.test', 'Two.test', 'a-b.test', 'ab.test', 'z.test'];
const TYPES: readonly EventType[] = [
  'sent',
  'sent',
  'sent',
  'delivered',
  'deferred',
  'bounced',
  'bounced',
  'bounced',
  'complained',
  'autoreplied',
  'admin-block',
  'state-changed',
];

/** A random event of the account: any type (counted or not), reason and kind as the taxonomy pairs them. */
export function randomEvent(rnd: Random, accountId: string): NewEvent {
  const type = pick(rnd, TYPES);
  let reason: Reason | null = null;
  let kind: NewEvent['kind'] = null;
  if (type === 'bounced' || type === 'deferred' || type === 'complained') {
    reason = rnd() < 0.1 ? null : pick(rnd, REASON_NAMES);
    kind = reason === null ? pick(rnd, [null, 'undetermined'] as const) : REASONS[reason].kind;
  }
  const time = randomTime(rnd);
  const at = new Date(time).toISOString();
  // Heard of later, sometimes days later: counted by event time, not arrival.
  const receivedAt = new Date(time + Math.floor(rnd() * 3 * DAY_MS)).toISOString();
  return newEvent({
    accountId,
    address: `u${Math.floor(rnd() * 20)}@${pick(rnd, DOMAINS)}`,
    type,
    at,
    receivedAt,
    reason,
    kind,
  });
}

/** A period around the events: aligned on hours or days or not, from one millisecond to several days long. */
export function randomRange(rnd: Random): { from: string; to: string } {
  const from = randomTime(rnd);
  const length = pick(rnd, [1, HOUR_MS, DAY_MS, 2 * DAY_MS + 1]) * rnd() + pick(rnd, [1, HOUR_MS, DAY_MS]);
  const to = pick(rnd, [
    from + Math.ceil(length),
    Math.ceil((from + length) / HOUR_MS) * HOUR_MS,
    Math.ceil((from + length) / DAY_MS) * DAY_MS,
  ]);
  return { from: new Date(from).toISOString(), to: new Date(Math.max(to, from + 1)).toISOString() };
}
