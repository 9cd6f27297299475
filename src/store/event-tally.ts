/**
 * The statistics' counters (schema 8, docs/dashboard.md): events per account, event-time hour (UTC), type,
 * kind and reason, and per account, event-time day, receiving domain, type and kind. A transaction tallies
 * the events it stores and adds the tally in its last statement before COMMIT, so the counters move with
 * the event log or not at all; a duplicate (dedupe key taken) is never stored, so never tallied; and an
 * event counts under its own time, whatever order events arrive in. Pure: the stores write what it returns.
 */
import { domainOf, type NewEvent } from './store.js';

/** What GET /v1/stats counts; other events (autoreplies, admin actions, state changes) are not tallied. */
export const COUNTED_TYPES: ReadonlySet<string> = new Set([
  'sent',
  'delivered',
  'deferred',
  'bounced',
  'complained',
]);

/** A key column cannot be NULL: an event without a kind is tallied under ''. */
export const NO_KIND = '';
/** An event without a reason, under the key /v1/stats has always given it. */
export const NO_REASON = 'none';

export interface HourCount {
  accountId: string;
  /** `YYYY-MM-DDTHH` of the event time. */
  hour: string;
  type: string;
  kind: string;
  reason: string;
  n: number;
}

export interface DomainCount {
  accountId: string;
  /** `YYYY-MM-DD` of the event time. */
  day: string;
  domain: string;
  type: string;
  kind: string;
  n: number;
}

export interface Tallied {
  hours: HourCount[];
  domains: DomainCount[];
}

export class EventTally {
  private hours = new Map<string, HourCount>();
  private domains = new Map<string, DomainCount>();

  /** Counts a stored event (the caller knows it was stored, not skipped as a duplicate). */
  add(e: NewEvent): void {
    if (!COUNTED_TYPES.has(e.type)) return;
    const kind = e.kind ?? NO_KIND;
    const reason = e.reason ?? NO_REASON;
    // `at` is canonical ISO 8601 UTC (the service makes it so), so its first characters are its UTC hour.
    const hour = e.at.slice(0, 13);
    const hourKey = [e.accountId, hour, e.type, kind, reason].join('\u0000');
    const h = this.hours.get(hourKey);
    if (h === undefined)
      this.hours.set(hourKey, { accountId: e.accountId, hour, type: e.type, kind, reason, n: 1 });
    else h.n += 1;
    const day = e.at.slice(0, 10);
    const domain = domainOf(e.address);
    const domainKey = [e.accountId, day, domain, e.type, kind].join('\u0000');
    const d = this.domains.get(domainKey);
    if (d === undefined)
      this.domains.set(domainKey, { accountId: e.accountId, day, domain, type: e.type, kind, n: 1 });
    else d.n += 1;
  }

  get size(): number {
    return this.hours.size;
  }

  /**
   * The tally in key order, emptied. Every transaction writes its rows in this one order, so on PostgreSQL
   * two transactions that share counter rows lock them in the same order and never deadlock.
   */
  take(): Tallied {
    const sorted = <T>(m: Map<string, T>): T[] =>
      [...m.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v);
    const out = { hours: sorted(this.hours), domains: sorted(this.domains) };
    this.hours = new Map();
    this.domains = new Map();
    return out;
  }
}
