/**
 * What a send's record keeps of its SpamAssassin check: the score against the threshold and the names and
 * points of the rules that fired, strongest first. Not the descriptions (the same for every message, and
 * long): the record stays small on every `sent` event. Pure.
 */
import type { SpamReport } from '../relay/pre-send.js';
import type { SpamRule } from './spamd-report.js';

export interface SpamSummary {
  score: number;
  threshold: number;
  /** At or above the threshold. */
  over: boolean;
  rules: { name: string; score: number }[];
}

/** Undefined when the message was not scored: there is nothing to remember then. */
export function spamSummary(report: SpamReport): SpamSummary | undefined {
  if (!report.checked) return undefined;
  return {
    score: report.score,
    threshold: report.threshold,
    over: report.spam,
    rules: strongestFirst(report.rules).map((r) => ({ name: r.name, score: r.score })),
  };
}

export function strongestFirst<R extends Pick<SpamRule, 'score'>>(rules: readonly R[]): R[] {
  return [...rules].sort((a, b) => b.score - a.score);
}
