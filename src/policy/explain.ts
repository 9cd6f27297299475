import { REASONS, type Reason } from '../classify/reasons.js';
import { streakStaleAt, type StreakRestart } from './time-rules.js';
import type { AddressState, PolicySettings, Signal, Standing } from './types.js';

/**
 * Sentences a support agent can read. Each names what happened, when (event time, UTC), the reason's
 * meaning from the taxonomy (REASONS, en), the status code and, for soft bounces, the count.
 */

/** What `apply` decided, before it is put into words. */
export type Outcome =
  | { kind: 'sent' }
  | { kind: 'deferred' }
  | { kind: 'autoreply' }
  | { kind: 'sender'; reason: Reason }
  | { kind: 'delivered'; endedStreak: number }
  | {
      kind: 'soft';
      reason: Reason;
      count: number;
      limit: number;
      undetermined: boolean;
      restarted: StreakRestart | undefined;
    }
  | { kind: 'soft-turned-hard'; reason: Reason; count: number; undetermined: boolean }
  | { kind: 'hard'; reason: Reason }
  | { kind: 'complaint'; blocks: boolean }
  | { kind: 'admin-block' }
  | { kind: 'admin-unblock'; unblocks: number }
  | { kind: 'block-expired' }
  | { kind: 'expiry-held' }
  | { kind: 'sender-repair' }
  | { kind: 'not-blocked' }
  | { kind: 'already-blocked' }
  | { kind: 'superseded'; reason: Reason; by: Signal }
  | { kind: 'unknown' };

/** Longest server reply quoted in a sentence: enough to name a blocklist, short enough to read. */
const MAX_QUOTE = 160;

export function explainOutcome(outcome: Outcome, signal: Signal, before: AddressState): string {
  const on = when(signal.at);
  switch (outcome.kind) {
    case 'sent':
      return `Sent on ${on}; sending does not change the address (${before.status}).`;
    case 'deferred':
      return `Delivery deferred on ${on}${code(signal)}: a temporary delay, not a bounce; nothing changes.`;
    case 'autoreply':
      return `Automatic reply on ${on} (out of office, vacation): not a bounce; nothing changes.`;
    case 'sender':
      return explainSender(outcome.reason, signal, on);
    case 'delivered':
      return outcome.endedStreak > 0
        ? `Delivered on ${on}: this ends the streak of ${plural(outcome.endedStreak, 'soft bounce')}; the address is active again.`
        : `Delivered on ${on}; the address stays active.`;
    case 'soft':
      return explainSoft(outcome, signal, on);
    case 'soft-turned-hard':
      return (
        `Blocked on ${on}: ${softLabel(outcome.undetermined)} ${outcome.count} of ${outcome.count}: ` +
        `${meaning(outcome.reason)}${code(signal)}. The soft bounce turned hard after ` +
        `${plural(outcome.count, 'consecutive soft bounce')}.`
      );
    case 'hard':
      return `Blocked on ${on}: hard bounce: ${meaning(outcome.reason)}${code(signal)}.`;
    case 'complaint':
      return outcome.blocks
        ? `Blocked on ${on}: complaint: ${meaning('feedback')}.`
        : `Complaint on ${on} recorded: ${meaning('feedback')}. This account's settings do not block on complaints.`;
    case 'admin-block':
      return `Blocked on ${on} by an administrator${actor(signal)}${note(signal)}.`;
    case 'admin-unblock':
      return (
        `Unblocked on ${on} by an administrator${actor(signal)}${note(signal)}; it was blocked since ` +
        `${whenOrUnknown(before.blockedAt)} (${stateReason(before.reason)}). Soft bounces count from 0 again ` +
        `(unblock number ${outcome.unblocks}).`
      );
    case 'block-expired':
      return (
        `Block expired on ${on}${note(signal)}: it was blocked since ${whenOrUnknown(before.blockedAt)} ` +
        `(${stateReason(before.reason)}). The address is active again; a new hard bounce blocks it again.`
      );
    case 'expiry-held':
      return `Block expiry on ${on} held${note(signal)}: the address stays blocked.`;
    case 'sender-repair':
      return (
        `Unblocked on ${on} by a sender-incident repair${actor(signal)}${note(signal)}; it was blocked since ` +
        `${whenOrUnknown(before.blockedAt)} (${stateReason(before.reason)}). Soft bounces count from 0 again; ` +
        `a repair does not count towards the unblock limit.`
      );
    case 'not-blocked':
      return `Unblock on ${on} changes nothing: the address is not blocked (${before.status}).`;
    case 'already-blocked':
      return (
        `Already blocked since ${whenOrUnknown(before.blockedAt)} (${stateReason(before.reason)}); ` +
        `${signalLabel(signal)} on ${on} changes nothing.`
      );
    case 'superseded':
      return (
        `Bounce of ${on} (${meaning(outcome.reason)}${code(signal)}) arrived after a newer delivery ` +
        `(${when(outcome.by.at)}): the address has received mail since, so this old bounce changes nothing.`
      );
    case 'unknown':
      return `A signal of unknown type on ${on} was ignored; nothing changes.`;
  }
}

/**
 * Why an address is in its current state, as a code and its values rather than words, so that a page can
 * say it in its own language; explainState is its English sentence. Times are ISO 8601, reasons are
 * taxonomy names (or `admin`, `complaint`, null).
 */
export type StateMessage =
  | { code: 'address.active'; params: Record<string, never> }
  | {
      code: 'address.soft';
      params: { count: number; limit: number; reason: AddressState['reason']; staleAt: string | null };
    }
  | { code: 'address.blocked'; params: { since: string | null; reason: AddressState['reason'] } };

export function stateMessage(state: Standing, settings: PolicySettings): StateMessage {
  switch (state.status) {
    case 'active':
      return { code: 'address.active', params: {} };
    case 'soft': {
      const limit = settings.softBounceRetries + 1;
      const staleAt = streakStaleAt(state, settings) ?? null;
      return {
        code: 'address.soft',
        params: { count: state.softBounces, limit, reason: state.reason, staleAt },
      };
    }
    case 'blocked':
      return { code: 'address.blocked', params: { since: state.blockedAt, reason: state.reason } };
  }
}

/** One sentence on why an address is in its current state (for the send gate and address views). */
export function explainState(state: Standing, settings: PolicySettings): string {
  return sayState(stateMessage(state, settings));
}

/** A state message in English. */
export function sayState(message: StateMessage): string {
  switch (message.code) {
    case 'address.active':
      return 'Active: no bounce since the last delivery.';
    case 'address.soft': {
      const { count, limit, reason, staleAt } = message.params;
      const expiry = staleAt === null ? '' : `, and so does a quiet period until ${when(staleAt)}`;
      return (
        `Soft-bouncing, still allowed: ${count} of ${limit} consecutive soft bounces ` +
        `(last: ${stateReason(reason)}); a delivery ends the streak${expiry}.`
      );
    }
    case 'address.blocked':
      return `Blocked since ${whenOrUnknown(message.params.since)}: ${stateReason(message.params.reason)}.`;
  }
}

/** The meaning of a reason as a clause: "the recipient's mailbox is full". */
export function meaning(reason: Reason): string {
  const text = REASONS[reason].en.replace(/\.$/, '');
  const second = text.charAt(1);
  // "The ..." becomes "the ...", but an acronym such as "SPF ..." keeps its capitals.
  return second !== '' && second === second.toLowerCase()
    ? text.charAt(0).toLowerCase() + text.slice(1)
    : text;
}

/** Event time as "2024-05-03 14:02:11 UTC"; an unreadable time is shown as given. */
export function when(at: string): string {
  const t = Date.parse(at);
  if (!Number.isFinite(t)) return at;
  const iso = new Date(t).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

function explainSoft(outcome: Extract<Outcome, { kind: 'soft' }>, signal: Signal, on: string): string {
  const left = outcome.limit - outcome.count;
  const { restarted } = outcome;
  const fresh =
    restarted === undefined
      ? ''
      : ` A new streak: the previous one (${plural(restarted.count, 'soft bounce')}, the last on ` +
        `${when(restarted.since)}) expired after ${plural(restarted.days, 'day')} without a soft bounce.`;
  return (
    `${capital(softLabel(outcome.undetermined))} ${outcome.count} of ${outcome.limit} on ${on}: ` +
    `${meaning(outcome.reason)}${code(signal)}. Still allowed; ` +
    `${plural(left, 'more soft bounce')} in a row will block the address.${fresh}`
  );
}

function explainSender(reason: Reason, signal: Signal, on: string): string {
  const said = quote(signal.diagnosticCode);
  return (
    `Sender refused on ${on}: ${meaning(reason)}${code(signal)}. The receiving server refused the sender, ` +
    `not the address: the address is not at fault and its state does not change.${said}`
  );
}

function softLabel(undetermined: boolean): string {
  return undetermined ? 'undetermined bounce, counted as soft bounce' : 'soft bounce';
}

function stateReason(reason: AddressState['reason']): string {
  if (reason === null) return 'no recorded reason';
  if (reason === 'admin') return 'blocked by an administrator';
  if (reason === 'complaint') return `complaint: ${meaning('feedback')}`;
  return meaning(reason);
}

function signalLabel(signal: Signal): string {
  switch (signal.type) {
    case 'sent':
      return 'a send';
    case 'delivered':
      return 'a delivery';
    case 'deferred':
      return 'a deferral';
    case 'complained':
      return 'a complaint';
    case 'autoreplied':
      return 'an automatic reply';
    case 'admin-block':
      return 'a block by an administrator';
    case 'block-expired':
      return 'a block expiry (complaint and administrator blocks never expire)';
    case 'sender-repair':
      return 'a sender-incident repair (complaint and administrator blocks are never repaired)';
    case 'bounced':
      return signal.kind === undefined ? 'a bounce' : `a bounce (${signal.kind})`;
    default:
      return 'a signal';
  }
}

function code(signal: Signal): string {
  return signal.status ? ` (${signal.status})` : '';
}

function actor(signal: Signal): string {
  return signal.actor ? ` (${signal.actor})` : '';
}

function note(signal: Signal): string {
  return signal.note ? `: "${signal.note}"` : '';
}

function quote(text: string | undefined): string {
  if (!text) return '';
  const flat = text.split(/\s+/).filter(Boolean).join(' ');
  const cut = flat.length > MAX_QUOTE ? `${flat.slice(0, MAX_QUOTE - 1)}…` : flat;
  return ` The server said: "${cut}".`;
}

function whenOrUnknown(at: string | null): string {
  return at === null ? 'an unknown date' : when(at);
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? '' : 's'}`;
}

function capital(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
