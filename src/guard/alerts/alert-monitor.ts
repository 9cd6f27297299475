/**
 * The alert loop: counts what each ingest stored (hourly counters per account, receiving domain and
 * campaign), re-evaluates only the scopes it touched, and on a timer every scope with recent counts or
 * an open alert (the window slides); with several processes, the one holding the lease does the timer's
 * pass. An alert that opens, escalates or closes is stored and notified (`alert.opened` / `alert.closed`,
 * written to the outbox in the same transaction), emailed to the account's alert addresses, and, when the account
 * wants it, a critical one pauses its scope.
 */
import { randomUUID } from 'node:crypto';
import {
  scopeId,
  type AlertMetric,
  type AlertRow,
  type GuardStore,
  type OutboxTx,
  type RateCounts,
  type ScopeRef,
} from '../../store/guard.js';
import type { EventRow } from '../../store/store.js';
import type { Notifier } from '../notifications.js';
import type { Pauses } from '../pauses.js';
import {
  DEFAULT_ALERT_SETTINGS,
  MAX_WINDOW_HOURS,
  parseAlertSettings,
  type AlertSettings,
} from './alert-settings.js';
import type { AlertMailer } from './alert-mailer.js';
import { alertView } from './alert-view.js';
import { ALERT_METRICS, describeScope, evaluateAlert, percent, type AlertDecision } from './evaluate.js';
import { counterOf, hourOf, tallyRates } from './rate-tally.js';
import { windowCounts, windowEdge } from './rate-window.js';

export interface AlertMonitorDeps {
  store: GuardStore;
  notifier: Pick<Notifier, 'notifyWithin' | 'committed'>;
  pauses: Pick<Pauses, 'pauseForAlert'>;
  mailer?: AlertMailer | undefined;
  log: { warn(o: object, m: string): void; error(o: object, m: string): void };
  now?: () => Date;
}

/** The lease of the periodic pass, and how many intervals a pass holds it for. */
const ALERT_LEASE = 'alerts.evaluate';
const LEASE_INTERVALS = 3;
const NO_COUNTS: RateCounts = { sent: 0, bounced: 0, complained: 0 };

export class AlertMonitor {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;
  /** This process, as the lease's holder. */
  private readonly holder = randomUUID();

  constructor(private readonly deps: AlertMonitorDeps) {}

  async settings(accountId: string): Promise<AlertSettings> {
    const parsed = parseAlertSettings((await this.deps.store.getAlertSettings(accountId)) ?? {});
    // Stored settings were checked on write; if a later version reads them differently, defaults hold.
    return parsed.ok ? parsed.settings : DEFAULT_ALERT_SETTINGS;
  }

  /** The commit listener: counters for the stored events, then the touched scopes. */
  async recordEvents(events: readonly EventRow[]): Promise<void> {
    const byAccount = new Map<string, EventRow[]>();
    for (const e of events) {
      if (counterOf(e) === undefined) continue;
      const list = byAccount.get(e.accountId);
      if (list === undefined) byAccount.set(e.accountId, [e]);
      else list.push(e);
    }
    for (const [accountId, list] of byAccount) await this.recordAccount(accountId, list);
  }

  private async recordAccount(accountId: string, events: EventRow[]): Promise<void> {
    const { store } = this.deps;
    const sends = events.flatMap((e) =>
      e.type === 'sent' && e.messageId !== null && e.data.campaign !== undefined
        ? [{ messageId: messageKey(e.messageId), address: e.address, campaign: e.data.campaign, at: e.at }]
        : [],
    );
    await store.recordCampaignSends(accountId, sends);
    const lookups = events.filter(
      (e) => e.type !== 'sent' && e.data.campaign === undefined && e.messageId !== null,
    );
    const known = await store.campaignsOf(
      accountId,
      lookups.map((e) => ({ messageId: messageKey(e.messageId ?? ''), address: e.address })),
    );
    const increments = tallyRates(
      events,
      (e) => e.data.campaign ?? known.get(`${messageKey(e.messageId ?? '')} ${e.address}`),
    );
    await store.addRates(accountId, increments);
    const settings = await this.settings(accountId);
    const scopes = new Map(increments.map((i) => [scopeId(i.scope), i.scope]));
    await this.evaluateScopes(accountId, [...scopes.values()], settings);
  }

  /** Every scope with counts in the longest window or an open alert: the periodic pass. */
  async evaluateAll(): Promise<void> {
    const from = hourOf(new Date(this.now().getTime() - MAX_WINDOW_HOURS * 3600_000).toISOString());
    const byAccount = new Map<string, ScopeRef[]>();
    for (const { accountId, scope } of await this.deps.store.activeScopes(from)) {
      const scopes = byAccount.get(accountId);
      if (scopes === undefined) byAccount.set(accountId, [scope]);
      else scopes.push(scope);
    }
    for (const [accountId, scopes] of byAccount)
      await this.evaluateScopes(accountId, scopes, await this.settings(accountId));
  }

  /**
   * The timer's pass, done by one process at a time: this one evaluates only while it holds the alert
   * lease (taken, or renewed by each pass, for a few intervals). Returns whether it evaluated. A holder
   * that dies is replaced once its lease runs out; one that stops lets it go.
   */
  async periodicPass(intervalMs: number): Promise<boolean> {
    const now = this.now();
    const until = new Date(now.getTime() + intervalMs * LEASE_INTERVALS).toISOString();
    if (!(await this.deps.store.takeLease(ALERT_LEASE, this.holder, now.toISOString(), until))) return false;
    await this.evaluateAll();
    return true;
  }

  start(intervalMs: number): void {
    this.timer = setInterval(() => {
      // A pass still running (a slow database) is not doubled by the next tick.
      this.running ??= this.periodicPass(intervalMs)
        .catch((error: unknown) => this.deps.log.error({ err: error }, 'alerts: periodic pass failed'))
        .then(() => (this.running = undefined));
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the timer, waits for a pass in progress and lets the lease go, so another process takes over. */
  async stop(): Promise<void> {
    if (this.timer === undefined) return;
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    // Letting the lease go only spares another process the wait: a stop with the database gone goes on.
    await this.deps.store
      .releaseLease(ALERT_LEASE, this.holder, this.now().toISOString())
      .catch((error: unknown) =>
        this.deps.log.warn({ err: error }, 'alerts: the lease could not be let go; it runs out by itself'),
      );
  }

  /** Reads the windows and open alerts of all the scopes at once, then decides scope by scope. */
  async evaluateScopes(accountId: string, scopes: ScopeRef[], settings: AlertSettings): Promise<void> {
    const { store } = this.deps;
    const edge = windowEdge(this.now(), settings.windowHours);
    const [windows, open] = await Promise.all([
      store.rateWindows(accountId, scopes, edge.oldestHour),
      store.openAlertsIn(accountId, scopes),
    ]);
    for (const scope of scopes) {
      const id = scopeId(scope);
      const window = windows.get(id) ?? { oldest: NO_COUNTS, later: NO_COUNTS };
      const counts = windowCounts(window.oldest, window.later, edge.inside);
      for (const metric of ALERT_METRICS) {
        const current = open.find((a) => a.metric === metric && scopeId(a.scope) === id);
        const decision = evaluateAlert(scope, metric, counts, current, settings);
        if (decision.action !== 'none')
          await this.apply(accountId, scope, metric, current, decision, settings);
      }
    }
  }

  private async apply(
    accountId: string,
    scope: ScopeRef,
    metric: AlertMetric,
    current: AlertRow | undefined,
    decision: Exclude<AlertDecision, { action: 'none' }>,
    settings: AlertSettings,
  ): Promise<void> {
    const at = this.now().toISOString();
    // An escalation is announced as alert.opened again, same id, level critical: receivers key on the id.
    const type = decision.action === 'close' ? 'alert.closed' : 'alert.opened';
    const announce = (tx: OutboxTx, row: AlertRow): Promise<void> =>
      this.deps.notifier.notifyWithin(tx, [
        { type, accountId, at, data: { ...alertView(row), change: decision.action } },
      ]);
    let alert: AlertRow | undefined;
    if (decision.action === 'open') {
      alert = await this.deps.store.openAlert(
        { accountId, scope, metric, ...decision.figures, openedAt: at },
        announce,
      );
    } else if (current !== undefined) {
      alert = await this.deps.store.updateAlert(
        current.id,
        decision.figures,
        at,
        decision.action === 'close',
        announce,
      );
    }
    // Another process made this change first: it tells the world, not this one.
    if (alert === undefined) return;
    this.deps.notifier.committed();
    if (decision.action !== 'close' && alert.level === 'critical' && settings.autoPause) {
      await this.deps.pauses.pauseForAlert(accountId, scope, alert);
    }
    await this.email(settings, alert, decision.action);
  }

  private async email(settings: AlertSettings, alert: AlertRow, action: string): Promise<void> {
    const { mailer } = this.deps;
    if (mailer === undefined || settings.emails.length === 0) return;
    const verb =
      action === 'close' ? 'closed' : action === 'escalate' ? 'now critical' : `opened (${alert.level})`;
    const subject = `[Rebound] ${alert.metric} rate alert ${verb}: ${describeScope(alert.scope)} at ${percent(alert.rate)}`;
    const autoPause = settings.autoPause && alert.level === 'critical' && action !== 'close';
    const text = [
      alert.explanation,
      autoPause
        ? 'Sending for this scope is paused until an admin resumes it (POST /v1/pauses/{id}/resume).'
        : '',
      `Alert ${alert.id}: GET /v1/alerts/${alert.id}`,
    ]
      .filter(Boolean)
      .join('\n\n');
    try {
      await mailer.send({ to: settings.emails, subject, text });
    } catch (error) {
      // The alert is stored and notified; a mail server that is down must not undo that.
      this.deps.log.warn({ err: error, alert: alert.id }, 'alerts: could not email the alert');
    }
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

/** A Message-ID as written in the send and as quoted in the bounce, without the angle brackets. */
function messageKey(messageId: string): string {
  return messageId.trim().replace(/^<|>$/g, '');
}
