/**
 * Schema 9, both databases: two of the events' indexes that no query reads. Every event stored (an
 * import writes thousands a second) updated them. `events_at (account_id, at)` is the first two columns
 * of `events_stats`, which serves every range of event times (the statistics' edges, index-only); and no
 * query looks events up by `bounce_id`: the bounce lists read `events_bounce_recent` and
 * `events_bounce_domain`. The query plans are unchanged (checked with EXPLAIN QUERY PLAN on SQLite).
 */
export const DROP_UNUSED_EVENT_INDEXES = `
DROP INDEX IF EXISTS events_at;
DROP INDEX IF EXISTS events_bounce;
`;
