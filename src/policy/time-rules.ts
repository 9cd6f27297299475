import type { AddressState, PolicySettings, Standing } from './types.js';

/**
 * The rules that depend on how long ago something happened. Pure like the rest of the policy: the
 * moment "now" is always an argument (a signal's event time, or the sweep's clock), never read here.
 *
 * - A soft streak goes stale: a mailbox that was full in March says nothing about a soft bounce in
 *   June. With `softStreakExpiryDays`, a soft bounce that comes N days or more after the streak's
 *   newest one starts a new streak at 1 instead of adding to the old count.
 * - A bounce block may expire: with `hardBlockExpiryDays`, a block older than N days is lifted by the
 *   periodic sweep, but only after the domain is re-verified (it still has a mail server). Complaint
 *   and administrator blocks never expire: the first needs the recipient's consent, the second is a
 *   person's decision.
 */
export const DAY_MS = 86_400_000;

export interface StreakRestart {
  /** The count of the streak that went stale. */
  count: number;
  /** Its newest soft bounce. */
  since: string;
  days: number;
}

/** The stale streak a soft bounce at `at` restarts, or undefined when the streak goes on. */
export function staleStreak(
  state: AddressState,
  at: string,
  settings: PolicySettings,
): StreakRestart | undefined {
  const days = settings.softStreakExpiryDays;
  if (days === null || state.status !== 'soft' || state.lastSoftAt === null) return undefined;
  const quiet = Date.parse(at) - Date.parse(state.lastSoftAt);
  // An unreadable time compares false: the streak goes on, as it would without the setting.
  return quiet >= days * DAY_MS ? { count: state.softBounces, since: state.lastSoftAt, days } : undefined;
}

/** When the current soft streak goes stale, or undefined when it never does. */
export function streakStaleAt(state: Standing, settings: PolicySettings): string | undefined {
  const days = settings.softStreakExpiryDays;
  if (days === null || state.status !== 'soft' || state.lastSoftAt === null) return undefined;
  const t = Date.parse(state.lastSoftAt);
  return Number.isFinite(t) ? new Date(t + days * DAY_MS).toISOString() : undefined;
}

/** Whether the block is one that may expire: a bounce's, not a complaint's or an administrator's. */
export function expirableBlock(state: AddressState): boolean {
  return (
    state.status === 'blocked' &&
    state.reason !== null &&
    state.reason !== 'complaint' &&
    state.reason !== 'admin'
  );
}

/** Blocks made at or before this time are due to expire at `now`; undefined when blocks never expire. */
export function blockExpiryCutoff(settings: PolicySettings, now: Date): string | undefined {
  const days = settings.hardBlockExpiryDays;
  return days === null ? undefined : new Date(now.getTime() - days * DAY_MS).toISOString();
}

/** Whether this address's block is due to expire at `now` (before the domain is re-verified). */
export function blockExpiryDue(state: AddressState, settings: PolicySettings, now: Date): boolean {
  const cutoff = blockExpiryCutoff(settings, now);
  if (cutoff === undefined || !expirableBlock(state) || state.blockedAt === null) return false;
  return Date.parse(state.blockedAt) <= Date.parse(cutoff);
}

/** Whole days from `from` to `to` (rounded down); null when a time cannot be read. */
export function daysBetween(from: string, to: Date): number | null {
  const t = Date.parse(from);
  return Number.isFinite(t) ? Math.floor((to.getTime() - t) / DAY_MS) : null;
}
