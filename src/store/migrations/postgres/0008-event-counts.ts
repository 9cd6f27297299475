import { eventCountsSchema } from '../event-counts-schema.js';

/**
 * PostgreSQL schema 8: the statistics' counters (src/store/event-tally.ts), filled from the events already
 * stored so that an upgraded database answers GET /v1/stats as before. Hours and days are UTC, as text
 * (`YYYY-MM-DDTHH`, `YYYY-MM-DD`), like the SQLite schema's; one pass over the events.
 */
export const backfill = `
INSERT INTO event_counts (account_id, hour, type, kind, reason, n)
  SELECT account_id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24'), type, coalesce(kind, ''),
    coalesce(reason, 'none'), count(*) FROM events
  WHERE type IN ('sent', 'delivered', 'deferred', 'bounced', 'complained') GROUP BY 1, 2, 3, 4, 5;
INSERT INTO domain_counts (account_id, day, domain, type, kind, n)
  SELECT account_id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD'), domain, type, coalesce(kind, ''), count(*)
  FROM events
  WHERE type IN ('sent', 'delivered', 'deferred', 'bounced', 'complained') GROUP BY 1, 2, 3, 4, 5;
`;

export const sql = `${eventCountsSchema('BIGINT', '')}${backfill}`;
