import type { Kind } from '../classify/reasons.js';
import type { StatsCount, StatsGroup, Store } from '../store/store.js';
import { isoOrError } from './iso-time.js';
import type { StatsRow } from './types.js';

const NO_KINDS: Record<Kind, number> = {
  hard: 0,
  soft: 0,
  sender: 0,
  complaint: 0,
  autoreply: 0,
  delivered: 0,
  undetermined: 0,
};

/**
 * Sends, deliveries, bounces by kind and complaints per day, reason or receiving domain, with rates.
 * A rate's denominator is the sends, or (when the CRM reports no sends) the deliveries plus bounces.
 */
export async function stats(
  store: Store,
  accountId: string,
  range: { from: string; to: string },
  groupBy: StatsGroup,
): Promise<StatsRow[]> {
  const from = isoOrError(range.from, 'from');
  const to = isoOrError(range.to, 'to');
  const byKey = new Map<string, StatsRow>();
  for (const c of await store.countEvents(accountId, { from, to }, groupBy)) {
    const row = byKey.get(c.key) ?? emptyRow(c.key);
    add(row, c);
    byKey.set(c.key, row);
  }
  return [...byKey.values()].map(withRates);
}

function emptyRow(key: string): StatsRow {
  return {
    key,
    sent: 0,
    delivered: 0,
    deferred: 0,
    bounced: { ...NO_KINDS },
    complaints: 0,
    bounceRate: 0,
    complaintRate: 0,
  };
}

function add(row: StatsRow, c: StatsCount): void {
  if (c.type === 'sent') row.sent += c.count;
  else if (c.type === 'delivered') row.delivered += c.count;
  else if (c.type === 'deferred') row.deferred += c.count;
  else if (c.type === 'complained') row.complaints += c.count;
  else if (c.type === 'bounced') row.bounced[c.kind ?? 'undetermined'] += c.count;
}

function withRates(row: StatsRow): StatsRow {
  const bounces = Object.values(row.bounced).reduce((a, b) => a + b, 0);
  const base = row.sent > 0 ? row.sent : row.delivered + bounces;
  return {
    ...row,
    bounceRate: base === 0 ? 0 : bounces / base,
    complaintRate: base === 0 ? 0 : row.complaints / base,
  };
}
