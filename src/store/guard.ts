/**
 * What the deliverability guard persists: outbound-webhook subscriptions and their outbox, rate counters,
 * alerts and pauses. The guard decides (src/guard/), this remembers. One implementation in dialect-neutral
 * SQL (guard-sql.ts), exposed as `store.guard` by both stores.
 */
import type { Announce } from './outbox.js';
import type { Keyset } from './store.js';

export type { Announce, OutboxEvent, OutboxTx } from './outbox.js';

export type ScopeKind = 'account' | 'campaign' | 'domain';

/** What a rate, an alert or a pause is about. The account scope's key is ''. */
export interface ScopeRef {
  kind: ScopeKind;
  key: string;
}

/** A scope as one string, for maps keyed by scope. */
export function scopeId(scope: ScopeRef): string {
  return `${scope.kind} ${scope.key}`;
}

/** An alert window's counts: the hour `oldestHour` and the sums over the hours after it. */
export interface RateWindow {
  oldest: RateCounts;
  later: RateCounts;
}

export interface SubscriptionRow {
  id: string;
  accountId: string;
  url: string;
  /** The signing secret. Shown once when created; kept so that each delivery can be signed. */
  secret: string;
  /** The event types it receives; empty: all of them. */
  eventTypes: string[];
  description: string;
  createdAt: string;
}

export type DeliveryState = 'pending' | 'delivered' | 'failed';

export interface DeliveryRow {
  id: string;
  subscriptionId: string;
  eventId: string;
  eventType: string;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string;
  responseCode: number | null;
  error: string | null;
  createdAt: string;
  updatedAt: string;
}

/** A delivery claimed by a worker: everything needed to send it. */
export interface ClaimedDelivery {
  id: string;
  subscriptionId: string;
  url: string;
  secret: string;
  attempts: number;
  eventId: string;
  body: string;
}

export interface DeliveryOutcome {
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string;
  responseCode: number | null;
  error: string | null;
  at: string;
}

export interface RateCounts {
  sent: number;
  bounced: number;
  complained: number;
}

export interface RateIncrement extends RateCounts {
  scope: ScopeRef;
  /** The event time's hour, `YYYY-MM-DDTHH`. */
  hour: string;
}

export interface CampaignSend {
  messageId: string;
  address: string;
  campaign: string;
  at: string;
}

export type AlertMetric = 'bounce' | 'complaint';
export type AlertLevel = 'warn' | 'critical';

export interface AlertFigures {
  level: AlertLevel;
  rate: number;
  count: number;
  sent: number;
  threshold: number;
  windowHours: number;
  explanation: string;
}

export interface AlertRow extends AlertFigures {
  id: string;
  accountId: string;
  scope: ScopeRef;
  metric: AlertMetric;
  state: 'open' | 'closed';
  openedAt: string;
  updatedAt: string;
  closedAt: string | null;
}

export interface AlertFilter {
  state?: 'open' | 'closed' | undefined;
  scope?: ScopeKind | undefined;
}

export interface PauseRow {
  id: string;
  accountId: string;
  scope: ScopeRef;
  /** The alert that paused it (auto-pause), or null for an admin's pause. */
  alertId: string | null;
  actor: string;
  note: string;
  explanation: string;
  createdAt: string;
  resumedAt: string | null;
  resumedBy: string | null;
  resumeNote: string | null;
}

export type NewPause = Omit<PauseRow, 'id' | 'resumedAt' | 'resumedBy' | 'resumeNote'>;

export interface GuardStore {
  createSubscription(row: Omit<SubscriptionRow, 'id'>): Promise<SubscriptionRow>;
  listSubscriptions(accountId: string): Promise<SubscriptionRow[]>;
  getSubscription(accountId: string, id: string): Promise<SubscriptionRow | undefined>;
  /** Stops deliveries to it (pending ones fail); false when there was none. */
  deleteSubscription(accountId: string, id: string, at: string): Promise<boolean>;

  /**
   * Leases up to `limit` due deliveries, each the oldest pending one of its subscription (so one
   * subscription's events go out one at a time, in order). A lease that ran out is taken again.
   */
  claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]>;
  finishDelivery(id: string, outcome: DeliveryOutcome): Promise<void>;
  /** When the next pending delivery is due, if any. */
  nextDeliveryDue(): Promise<string | undefined>;
  /** A subscription's deliveries, newest first. */
  listDeliveries(accountId: string, subscriptionId: string, page: Keyset): Promise<DeliveryRow[]>;

  /**
   * Takes the lease `name` for `holder` until `until`, or renews it: true when the holder has it (it was
   * free, had expired at `now`, or was already its own). Atomic: of two processes asking at once, one wins.
   */
  takeLease(name: string, holder: string, now: string, until: string): Promise<boolean>;
  /** Lets the lease go at once (a process stopping), if `holder` has it. */
  releaseLease(name: string, holder: string, at: string): Promise<void>;

  addRates(accountId: string, increments: RateIncrement[]): Promise<void>;
  /**
   * What the alert windows of these scopes read (RateWindow), by scopeId; a scope with no counts is left
   * out. One query per 128 scopes: an import's batch touches dozens of domains at once.
   */
  rateWindows(accountId: string, scopes: ScopeRef[], oldestHour: string): Promise<Map<string, RateWindow>>;
  /** Every scope with counts in the hours >= fromHour, for the periodic re-evaluation. */
  activeScopes(fromHour: string): Promise<{ accountId: string; scope: ScopeRef }[]>;
  recordCampaignSends(accountId: string, sends: CampaignSend[]): Promise<void>;
  /** Campaigns of earlier sends, keyed `messageId address`. */
  campaignsOf(
    accountId: string,
    keys: { messageId: string; address: string }[],
  ): Promise<Map<string, string>>;

  getAlertSettings(accountId: string): Promise<Record<string, unknown> | undefined>;
  putAlertSettings(accountId: string, settings: Record<string, unknown>): Promise<void>;

  /**
   * Opens one, announced by `announce` in the same transaction; undefined (and nothing announced) when an
   * alert of that scope and metric is already open.
   */
  openAlert(
    row: Omit<AlertRow, 'id' | 'state' | 'closedAt' | 'updatedAt'>,
    announce: Announce<AlertRow>,
  ): Promise<AlertRow | undefined>;
  /**
   * Escalates (close false) or closes an open alert, announced in the same transaction; undefined when
   * another process already did, so the change is announced once.
   */
  updateAlert(
    id: string,
    figures: AlertFigures,
    at: string,
    close: boolean,
    announce: Announce<AlertRow>,
  ): Promise<AlertRow | undefined>;
  /** The open alerts of any of these scopes. */
  openAlertsIn(accountId: string, scopes: ScopeRef[]): Promise<AlertRow[]>;
  getAlert(accountId: string, id: string): Promise<AlertRow | undefined>;
  /** Newest first. */
  listAlerts(accountId: string, filter: AlertFilter, page: Keyset): Promise<AlertRow[]>;

  /** undefined when the scope is already paused. */
  createPause(pause: NewPause): Promise<PauseRow | undefined>;
  resumePause(
    accountId: string,
    id: string,
    by: { actor: string; note: string; at: string },
  ): Promise<PauseRow | undefined>;
  getPause(accountId: string, id: string): Promise<PauseRow | undefined>;
  activePauses(accountId: string): Promise<PauseRow[]>;
  /** Newest first. */
  listPauses(accountId: string, active: boolean | undefined, page: Keyset): Promise<PauseRow[]>;
}
