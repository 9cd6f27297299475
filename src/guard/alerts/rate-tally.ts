/**
 * What newly recorded events add to the hourly counters: a send, a hard or soft bounce, or a complaint
 * counts for the account, for the receiving domain and, when the send named one, for its campaign. Pure.
 * Sender-side refusals (kind `sender`) are not the recipient's bounce and are not counted here.
 */
import type { RateIncrement, ScopeRef } from '../../store/guard.js';
import { domainOf, type NewEvent } from '../../store/store.js';

type Column = 'sent' | 'bounced' | 'complained';

/** The counter an event moves, if any. */
export function counterOf(event: Pick<NewEvent, 'type' | 'kind'>): Column | undefined {
  if (event.type === 'sent') return 'sent';
  if (event.type === 'complained') return 'complained';
  if (event.type === 'bounced' && (event.kind === 'hard' || event.kind === 'soft')) return 'bounced';
  return undefined;
}

/** `YYYY-MM-DDTHH` of an ISO time: the hour bucket. */
export function hourOf(iso: string): string {
  return iso.slice(0, 13);
}

export function scopesOf(address: string, campaign: string | undefined): ScopeRef[] {
  const scopes: ScopeRef[] = [
    { kind: 'account', key: '' },
    { kind: 'domain', key: domainOf(address) },
  ];
  if (campaign !== undefined) scopes.push({ kind: 'campaign', key: campaign });
  return scopes;
}

/** One increment per scope and hour; `campaignOf` gives the campaign an event belongs to. */
export function tallyRates(
  events: readonly NewEvent[],
  campaignOf: (event: NewEvent) => string | undefined,
): RateIncrement[] {
  const out = new Map<string, RateIncrement>();
  for (const event of events) {
    const column = counterOf(event);
    if (column === undefined) continue;
    const hour = hourOf(event.at);
    for (const scope of scopesOf(event.address, campaignOf(event))) {
      const key = `${scope.kind}\u0000${scope.key}\u0000${hour}`;
      let inc = out.get(key);
      if (inc === undefined) {
        inc = { scope, hour, sent: 0, bounced: 0, complained: 0 };
        out.set(key, inc);
      }
      inc[column] += 1;
    }
  }
  return [...out.values()];
}
