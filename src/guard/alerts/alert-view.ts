import type { AlertRow } from '../../store/guard.js';
import { scopeView } from '../scope.js';

/** An alert as the API and the webhooks show it. */
export function alertView(row: AlertRow) {
  const { id, metric, level, state, rate, count, sent, threshold, windowHours, explanation } = row;
  const { openedAt, updatedAt, closedAt } = row;
  const scope = scopeView(row.scope);
  return {
    id,
    scope,
    metric,
    level,
    state,
    rate,
    count,
    sent,
    threshold,
    windowHours,
    explanation,
    openedAt,
    updatedAt,
    closedAt,
  };
}

export type AlertView = ReturnType<typeof alertView>;
