/**
 * GET /v1/stats' counts on either database (SqlDb): the counters of the whole buckets in the period
 * (event_counts by hour for day and reason, domain_counts by day for domain; src/store/event-tally.ts)
 * plus the events of its partial buckets at each end (stats-plan.ts), summed and ordered by the database,
 * so the rows and their order are those the event scan gave before the counters existed.
 */
import type { SqlDb } from './sql-db.js';
import { COUNTED_TYPES, NO_KIND, NO_REASON } from './event-tally.js';
import { DAY, HOUR, statsPlan, type Bucket } from './stats-plan.js';
import type { StatsCount, StatsGroup } from './store.js';

const COUNTED = `(${[...COUNTED_TYPES].map((t) => `'${t}'`).join(', ')})`;

interface Source {
  bucket: Bucket;
  /** The counters' table, its bucket column and its group key. */
  table: string;
  column: string;
  counterKey: string;
}

const SOURCES: Record<StatsGroup, Source> = {
  day: { bucket: HOUR, table: 'event_counts', column: 'hour', counterKey: 'substr(hour, 1, 10)' },
  reason: { bucket: HOUR, table: 'event_counts', column: 'hour', counterKey: 'reason' },
  domain: { bucket: DAY, table: 'domain_counts', column: 'day', counterKey: 'domain' },
};

/** The group key of an event, as the counters file it (the day in UTC). */
const EVENT_KEY: Record<SqlDb['dialect'], Record<StatsGroup, string>> = {
  sqlite: { day: 'substr(at, 1, 10)', reason: `coalesce(reason, '${NO_REASON}')`, domain: 'domain' },
  postgres: {
    day: `to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
    reason: `coalesce(reason, '${NO_REASON}')`,
    domain: 'domain',
  },
};

const edgeSql = (
  key: string,
  n: number,
): string => `SELECT ${key} AS key, type, kind, count(*) AS n FROM events
    WHERE account_id = @accountId AND at >= @from${n} AND at < @to${n} AND type IN ${COUNTED}
    GROUP BY 1, 2, 3`;

function statsSql(dialect: SqlDb['dialect'], groupBy: StatsGroup): string {
  const s = SOURCES[groupBy];
  const key = EVENT_KEY[dialect][groupBy];
  return `SELECT key, type, kind, sum(n) AS count FROM (
    SELECT ${s.counterKey} AS key, type, nullif(kind, '${NO_KIND}') AS kind, n FROM ${s.table}
    WHERE account_id = @accountId AND ${s.column} >= @firstBucket AND ${s.column} < @endBucket
    UNION ALL ${edgeSql(key, 0)}
    UNION ALL ${edgeSql(key, 1)}
  ) AS counted GROUP BY key, type, kind ORDER BY key, type, kind`;
}

/** Counts of events with event time in [from, to) (canonical ISO strings), by key, type and kind. */
export async function countEvents(
  db: SqlDb,
  accountId: string,
  range: { from: string; to: string },
  groupBy: StatsGroup,
): Promise<StatsCount[]> {
  const plan = statsPlan(range, SOURCES[groupBy].bucket);
  const [head, tail] = plan.edges;
  const rows = await db.all(statsSql(db.dialect, groupBy), {
    accountId,
    firstBucket: plan.buckets.from,
    endBucket: plan.buckets.to,
    from0: head.from,
    to0: head.to,
    from1: tail.from,
    to1: tail.to,
  });
  return rows.map((r) => ({
    key: String(r.key),
    type: r.type as StatsCount['type'],
    kind: (r.kind ?? null) as StatsCount['kind'],
    count: Number(r.count),
  }));
}
