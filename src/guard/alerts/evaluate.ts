/**
 * Whether a scope's rate opens, escalates or closes an alert: pure, from the window's counts, the open
 * alert (if any) and the settings. An alert opens once, when the rate reaches a threshold over at least
 * `minSends` sends; it escalates warn -> critical, never back down; it closes when the rate falls under
 * warn x (1 - hysteresis), or when the window holds no sends at all.
 */
import type {
  AlertFigures,
  AlertLevel,
  AlertMetric,
  AlertRow,
  RateCounts,
  ScopeRef,
} from '../../store/guard.js';
import type { AlertSettings } from './alert-settings.js';

export type AlertDecision =
  { action: 'none' } | { action: 'open' | 'escalate' | 'close'; figures: AlertFigures };

export const ALERT_METRICS: readonly AlertMetric[] = ['bounce', 'complaint'];

export function evaluateAlert(
  scope: ScopeRef,
  metric: AlertMetric,
  counts: RateCounts,
  open: Pick<AlertRow, 'level'> | undefined,
  settings: AlertSettings,
): AlertDecision {
  const { warn, critical } = thresholds(metric, settings);
  const count = metric === 'bounce' ? counts.bounced : counts.complained;
  const rate = counts.sent === 0 ? 0 : count / counts.sent;
  const level: AlertLevel | undefined = rate >= critical ? 'critical' : rate >= warn ? 'warn' : undefined;
  const judged = counts.sent >= settings.minSends;
  // The window weighs its oldest hour (rate-window.ts): the figures shown are whole messages.
  const [shownCount, shownSent] = [Math.round(count), Math.round(counts.sent)];
  const figures = (lvl: AlertLevel, threshold: number, sentence: string): AlertFigures => ({
    level: lvl,
    rate,
    count: shownCount,
    sent: shownSent,
    threshold,
    windowHours: settings.windowHours,
    explanation: sentence,
  });
  const measured = `${describeRate(metric, scope)} is ${percent(rate)} (${shownCount} of ${shownSent} sends in the last ${settings.windowHours} h)`;
  if (open === undefined) {
    if (!judged || level === undefined) return { action: 'none' };
    const threshold = level === 'critical' ? critical : warn;
    return {
      action: 'open',
      figures: figures(
        level,
        threshold,
        `${measured}, at or above the ${percent(threshold)} ${level === 'critical' ? 'critical' : 'warning'} threshold.`,
      ),
    };
  }
  const closeBelow = warn * (1 - settings.hysteresis);
  if (counts.sent === 0 || rate < closeBelow) {
    const why =
      counts.sent === 0
        ? `${describeRate(metric, scope)} has no sends in the last ${settings.windowHours} h`
        : `${measured}, under ${percent(closeBelow)}`;
    return { action: 'close', figures: figures(open.level, closeBelow, `${why}: the alert is closed.`) };
  }
  if (judged && level === 'critical' && open.level === 'warn') {
    return {
      action: 'escalate',
      figures: figures(
        'critical',
        critical,
        `${measured}, at or above the ${percent(critical)} critical threshold.`,
      ),
    };
  }
  return { action: 'none' };
}

function thresholds(metric: AlertMetric, s: AlertSettings): { warn: number; critical: number } {
  return metric === 'bounce'
    ? { warn: s.bounceWarn, critical: s.bounceCritical }
    : { warn: s.complaintWarn, critical: s.complaintCritical };
}

/** "The bounce rate of campaign 'spring'". */
export function describeRate(metric: AlertMetric, scope: ScopeRef): string {
  return `The ${metric} rate of ${describeScope(scope)}`;
}

export function describeScope(scope: ScopeRef): string {
  if (scope.kind === 'account') return 'the account';
  return scope.kind === 'campaign' ? `campaign '${scope.key}'` : `mail to ${scope.key}`;
}

/** 0.0512 -> "5.12%", 0.001 -> "0.1%". */
export function percent(fraction: number): string {
  return `${Number((fraction * 100).toFixed(2))}%`;
}
