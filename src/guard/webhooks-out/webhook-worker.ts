/**
 * Sends the outbox: claims due deliveries (the oldest pending one per subscription, under a lease, so any
 * number of processes can run this and each delivery goes out once at a time), POSTs each signed, and
 * records the outcome: delivered on 2xx, else retried later with backoff, until the attempts run out.
 * Everything it needs is in the database, so a restart resumes where the last process stopped.
 */
import type { ClaimedDelivery, DeliveryOutcome, GuardStore } from '../../store/guard.js';
import { FailureStreak } from '../failure-streak.js';
import { retryDelayMs, type WebhookRetry } from './retry.js';
import { SIGNATURE_HEADER, signatureHeader } from './signature.js';

export interface WebhookPost {
  (
    url: string,
    body: string,
    headers: Record<string, string>,
    timeoutMs: number,
  ): Promise<{ status: number }>;
}

export interface WebhookWorkerDeps {
  store: Pick<GuardStore, 'claimDeliveries' | 'finishDelivery'>;
  post: WebhookPost;
  log: { warn(obj: object, msg: string): void; error(obj: object, msg: string): void };
  now?: () => Date;
  random?: () => number;
}

export interface WebhookWorkerOptions {
  retry: WebhookRetry;
  /** How often the outbox is looked at when nothing pokes the worker (events of other processes, retries). */
  pollMs: number;
  /** A claimed delivery not finished within this long (a crashed process) is taken again. */
  leaseMs: number;
  timeoutMs: number;
  /** Deliveries sent at once, each to a different subscription. */
  batch: number;
}

export const DEFAULT_WEBHOOK_WORKER: Omit<WebhookWorkerOptions, 'retry'> = {
  pollMs: 2000,
  leaseMs: 60_000,
  timeoutMs: 10_000,
  batch: 8,
};

export class WebhookWorker {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private readonly streak: FailureStreak;

  constructor(
    private readonly deps: WebhookWorkerDeps,
    private readonly options: WebhookWorkerOptions,
  ) {
    this.streak = new FailureStreak(deps.log, 'webhooks: outbox pass');
  }

  start(): void {
    this.timer = setInterval(() => this.poke(), this.options.pollMs);
    this.timer.unref();
    this.poke();
  }

  /**
   * Looks at the outbox now (a new event was stored), once started: a CLI command that stores events
   * leaves their delivery to the server's worker, and does not wait for it before it exits.
   */
  poke(): void {
    if (this.timer === undefined) return;
    if (this.running !== undefined) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(
        () => this.streak.succeeded(),
        (error: unknown) => this.streak.failed(error),
      )
      .finally(() => {
        this.running = undefined;
        if (this.again) {
          this.again = false;
          this.poke();
        }
      });
  }

  /** Stops polling and waits for the deliveries in flight; unsent ones stay in the outbox. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.again = false;
    await this.running;
  }

  /** Sends until nothing is due. Exposed for tests, which drive the clock. */
  async drain(): Promise<void> {
    for (;;) {
      const now = this.now();
      const leaseUntil = new Date(now.getTime() + this.options.leaseMs).toISOString();
      const claimed = await this.deps.store.claimDeliveries(
        now.toISOString(),
        leaseUntil,
        this.options.batch,
      );
      if (claimed.length === 0) return;
      await Promise.all(claimed.map((d) => this.deliver(d)));
    }
  }

  private async deliver(d: ClaimedDelivery): Promise<void> {
    const attempts = d.attempts + 1;
    const headers = {
      'content-type': 'application/json',
      'user-agent': 'Rebound-Webhooks/1',
      [SIGNATURE_HEADER]: signatureHeader(d.secret, d.body, Math.floor(this.now().getTime() / 1000)),
      'rebound-event-id': (JSON.parse(d.body) as { id: string }).id,
      'rebound-delivery-attempt': String(attempts),
    };
    let responseCode: number | null = null;
    let error: string | null = null;
    try {
      responseCode = (await this.deps.post(d.url, d.body, headers, this.options.timeoutMs)).status;
      if (responseCode < 200 || responseCode > 299) error = `the receiver answered HTTP ${responseCode}`;
    } catch (e) {
      error = `no answer: ${(e as Error).message}`.slice(0, 500);
    }
    await this.deps.store.finishDelivery(d.id, this.outcome(attempts, responseCode, error));
    if (error !== null) {
      this.deps.log.warn(
        { delivery: d.id, subscription: d.subscriptionId, attempts, error },
        'webhooks: delivery failed',
      );
    }
  }

  private outcome(attempts: number, responseCode: number | null, error: string | null): DeliveryOutcome {
    const now = this.now();
    const at = now.toISOString();
    if (error === null) return { state: 'delivered', attempts, nextAttemptAt: at, responseCode, error, at };
    const { retry } = this.options;
    if (attempts >= retry.maxAttempts)
      return { state: 'failed', attempts, nextAttemptAt: at, responseCode, error, at };
    const delay = retryDelayMs(retry, attempts, this.deps.random ?? Math.random);
    const nextAttemptAt = new Date(now.getTime() + delay).toISOString();
    return { state: 'pending', attempts, nextAttemptAt, responseCode, error, at };
  }

  private now(): Date {
    return this.deps.now?.() ?? new Date();
  }
}

/** The real POST: Node's fetch, no redirects followed (a signed body goes where it was registered). */
export const fetchPost: WebhookPost = async (url, body, headers, timeoutMs) => {
  const response = await fetch(url, {
    method: 'POST',
    body,
    headers,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  await response.body?.cancel();
  return { status: response.status };
};
