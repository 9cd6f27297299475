/**
 * The guard's core put together on a store: the outbox notifier and its delivery worker, pauses, the alert
 * monitor and its timer, and the store the service should use (it tells the guard what each ingest stored).
 * Called by the composition root (src/server.ts), like startRelay for the outbound path.
 */
import type { Store } from '../store/store.js';
import { addressNotices } from './address-notices.js';
import { smtpAlertMailer } from './alerts/alert-mailer.js';
import { AlertMonitor } from './alerts/alert-monitor.js';
import { Guard } from './guard.js';
import type { Notifier } from './notifications.js';
import { observeCommits } from './observed-store.js';
import { Pauses } from './pauses.js';
import { OutboxNotifier } from './webhooks-out/outbox-notifier.js';
import { DEFAULT_WEBHOOK_RETRY, type WebhookRetry } from './webhooks-out/retry.js';
import {
  DEFAULT_WEBHOOK_WORKER,
  fetchPost,
  WebhookWorker,
  type WebhookPost,
} from './webhooks-out/webhook-worker.js';

export interface GuardCoreOptions {
  /** smtp:// URL alert emails go through (REBOUND_ALERT_SMTP); none: no alert emails. */
  alertSmtp?: string | undefined;
  alertFrom?: string | undefined;
  /** How often every active scope is re-evaluated as the window slides. */
  evaluateEveryMs?: number | undefined;
  webhookRetry?: Partial<WebhookRetry> | undefined;
  webhookPollMs?: number | undefined;
  post?: WebhookPost | undefined;
}

export interface GuardCore {
  guard: Guard;
  pauses: Pauses;
  notifier: Notifier;
  monitor: AlertMonitor;
  worker: WebhookWorker;
  /** The store the service must be built on. */
  store: Store;
  start(): void;
  stop(): Promise<void>;
}

type Log = { warn(o: object, m: string): void; error(o: object, m: string): void };

export const DEFAULT_EVALUATE_EVERY_MS = 60_000;

export function buildGuardCore(store: Store, log: Log, options: GuardCoreOptions = {}): GuardCore {
  const worker = new WebhookWorker(
    { store: store.guard, post: options.post ?? fetchPost, log },
    {
      ...DEFAULT_WEBHOOK_WORKER,
      pollMs: options.webhookPollMs ?? DEFAULT_WEBHOOK_WORKER.pollMs,
      retry: { ...DEFAULT_WEBHOOK_RETRY, ...options.webhookRetry },
    },
  );
  const notifier = new OutboxNotifier(() => worker.poke());
  const pauses = new Pauses(store.guard);
  const mailer =
    options.alertSmtp === undefined
      ? undefined
      : smtpAlertMailer(options.alertSmtp, options.alertFrom ?? 'rebound@localhost');
  const monitor = new AlertMonitor({ store: store.guard, notifier, pauses, mailer, log });
  const observed = observeCommits(
    store,
    {
      within: (tx, events) => notifier.notifyWithin(tx, addressNotices(events)),
      async after(events) {
        // Only a commit that queued webhooks wakes the worker: the others leave it asleep.
        if (addressNotices(events).length > 0) notifier.committed();
        await monitor.recordEvents(events);
      },
    },
    log,
  );
  return {
    guard: new Guard(store.guard, pauses, monitor),
    pauses,
    notifier,
    monitor,
    worker,
    store: observed,
    start() {
      worker.start();
      monitor.start(options.evaluateEveryMs ?? DEFAULT_EVALUATE_EVERY_MS);
    },
    async stop() {
      await monitor.stop();
      await worker.stop();
      mailer?.close();
    },
  };
}
