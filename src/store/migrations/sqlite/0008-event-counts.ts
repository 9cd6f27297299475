import { eventCountsSchema } from '../event-counts-schema.js';

/**
 * SQLite schema 8: the statistics' counters (src/store/event-tally.ts), filled from the events already
 * stored so that an upgraded database answers GET /v1/stats as before. One pass over the events' covering
 * index (events_stats): about 4 s of CPU per million events (docs/dashboard.md).
 */
export const backfill = `
INSERT INTO event_counts (account_id, hour, type, kind, reason, n)
  SELECT account_id, substr(at, 1, 13), type, coalesce(kind, ''), coalesce(reason, 'none'), count(*) FROM events
  WHERE type IN ('sent', 'delivered', 'deferred', 'bounced', 'complained') GROUP BY 1, 2, 3, 4, 5;
INSERT INTO domain_counts (account_id, day, domain, type, kind, n)
  SELECT account_id, substr(at, 1, 10), domain, type, coalesce(kind, ''), count(*) FROM events
  WHERE type IN ('sent', 'delivered', 'deferred', 'bounced', 'complained') GROUP BY 1, 2, 3, 4, 5;
`;

export const sql = `${eventCountsSchema('INTEGER', ' WITHOUT ROWID')}${backfill}`;
