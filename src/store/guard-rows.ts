/** Rows of the guard's tables as the GuardStore types, the same from either database. */
import type { AlertRow, DeliveryRow, PauseRow, ScopeKind, SubscriptionRow } from './guard.js';
import type { SqlRow } from './sql-db.js';

const text = (v: unknown): string => String(v);
const textOrNull = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
const int = (v: unknown): number => Number(v);

export function subscriptionRow(r: SqlRow): SubscriptionRow {
  return {
    id: text(r.id),
    accountId: text(r.account_id),
    url: text(r.url),
    secret: text(r.secret),
    eventTypes: text(r.event_types).split(',').filter(Boolean),
    description: text(r.description),
    createdAt: text(r.created_at),
  };
}

/** Stored as `,a,b,` so one LIKE finds a type; '' stands for every type. */
export function eventTypesColumn(types: string[]): string {
  return types.length === 0 ? '' : `,${types.join(',')},`;
}

export function deliveryRow(r: SqlRow): DeliveryRow {
  return {
    id: text(r.id),
    subscriptionId: text(r.subscription_id),
    eventId: text(r.event_id),
    eventType: text(r.type),
    state: text(r.state) as DeliveryRow['state'],
    attempts: int(r.attempts),
    nextAttemptAt: text(r.next_attempt_at),
    responseCode: r.response_code === null ? null : int(r.response_code),
    error: textOrNull(r.error),
    createdAt: text(r.created_at),
    updatedAt: text(r.updated_at),
  };
}

export function alertRow(r: SqlRow): AlertRow {
  return {
    id: text(r.id),
    accountId: text(r.account_id),
    scope: { kind: text(r.scope_kind) as ScopeKind, key: text(r.scope_key) },
    metric: text(r.metric) as AlertRow['metric'],
    level: text(r.level) as AlertRow['level'],
    state: text(r.state) as AlertRow['state'],
    rate: Number(r.rate),
    count: int(r.count),
    sent: int(r.sent),
    threshold: Number(r.threshold),
    windowHours: int(r.window_hours),
    explanation: text(r.explanation),
    openedAt: text(r.opened_at),
    updatedAt: text(r.updated_at),
    closedAt: textOrNull(r.closed_at),
  };
}

export function pauseRow(r: SqlRow): PauseRow {
  return {
    id: text(r.id),
    accountId: text(r.account_id),
    scope: { kind: text(r.scope_kind) as ScopeKind, key: text(r.scope_key) },
    alertId: textOrNull(r.alert_id),
    actor: text(r.actor),
    note: text(r.note),
    explanation: text(r.explanation),
    createdAt: text(r.created_at),
    resumedAt: textOrNull(r.resumed_at),
    resumedBy: textOrNull(r.resumed_by),
    resumeNote: textOrNull(r.resume_note),
  };
}
