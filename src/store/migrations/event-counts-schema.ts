/**
 * Schema 8's tables (the statistics' counters, src/store/event-tally.ts), one text for both dialects: hours
 * and days are UTC text (`YYYY-MM-DDTHH`, `YYYY-MM-DD`), kind '' and reason 'none' when the event has none.
 */
export function eventCountsSchema(count: string, tableOptions: string): string {
  return `
CREATE TABLE event_counts (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  hour TEXT NOT NULL,
  type TEXT NOT NULL,
  kind TEXT NOT NULL,
  reason TEXT NOT NULL,
  n ${count} NOT NULL,
  PRIMARY KEY (account_id, hour, type, kind, reason)
)${tableOptions};

CREATE TABLE domain_counts (
  account_id TEXT NOT NULL REFERENCES accounts(id),
  day TEXT NOT NULL,
  domain TEXT NOT NULL,
  type TEXT NOT NULL,
  kind TEXT NOT NULL,
  n ${count} NOT NULL,
  PRIMARY KEY (account_id, day, domain, type, kind)
)${tableOptions};
`;
}
