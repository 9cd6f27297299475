/**
 * Delivers spooled messages to the upstream, one SMTP transaction per recipient, each with its own signed
 * VERP return path so a bounce names exactly one send. A recipient's outcome is written as a marker before
 * anything else is done with it; the events ('sent', 'bounced') are derived from the markers and are
 * idempotent (same message id and time), so replaying them after a crash counts once. The spool file is
 * removed only when every recipient has an outcome and its event is recorded.
 */
import type { ReboundService } from '../../service/types.js';
import type { InboundLog } from '../inbound/bounce-server.js';
import { signVerp, VERP_LOCAL_PART } from '../verp.js';
import { domainOf } from '../../store/store.js';
import type { RateLimit } from '../settings/sending.js';
import { DomainRates } from './domain-rates.js';
import { outcomeEvent } from './outcome-event.js';
import type { Envelope, Outcome, Spool, Spooled } from './spool.js';
import type { Upstream, UpstreamResult } from './upstream.js';

export interface RetryPolicy {
  /** First retry after this long, doubling each round up to maxMs. */
  baseMs: number;
  maxMs: number;
  /** After this long since it was queued, a recipient still deferred is given up. */
  giveUpAfterMs: number;
  /** How often the schedule is looked at. */
  pollMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = {
  baseMs: 60_000,
  maxMs: 3_600_000,
  giveUpAfterMs: 4 * 86_400_000,
  pollMs: 1_000,
};

export interface WorkerDeps {
  spool: Spool;
  upstream: Upstream;
  /** The account's per-domain rate limits, read each round (a change applies to mail already queued). */
  rateLimits(accountId: string): Promise<Readonly<Record<string, RateLimit>>>;
  ingestEvents: ReboundService['ingestEvents'];
  verp: { domain: string; secret: string };
  log: InboundLog;
}

/** Messages worked on at once; each holds its bytes in memory. The pool bounds the connections. */
const MAX_ACTIVE = 16;

export class DeliveryWorker {
  private readonly due = new Map<string, number>();
  private readonly active = new Map<string, Promise<void>>();
  /** Markers whose event is known recorded in this process; after a restart all are replayed. */
  private readonly recorded = new Set<string>();
  private readonly rates = new DomainRates();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly deps: WorkerDeps,
    private readonly retry: RetryPolicy = DEFAULT_RETRY,
  ) {}

  /** Picks up everything a previous process left in the spool, then polls. */
  async start(): Promise<void> {
    for (const id of await this.deps.spool.list()) this.due.set(id, 0);
    this.timer = setInterval(() => this.pump(), this.retry.pollMs);
    this.timer.unref();
    this.pump();
  }

  /** A message just spooled: try it now. */
  enqueue(id: string): void {
    this.due.set(id, 0);
    this.pump();
  }

  /** Stops polling and waits for the deliveries in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    this.due.clear();
    await Promise.allSettled([...this.active.values()]);
  }

  private pump(): void {
    if (this.timer === undefined) return;
    const now = Date.now();
    for (const [id, at] of this.due) {
      if (this.active.size >= MAX_ACTIVE) return;
      if (at > now || this.active.has(id)) continue;
      this.due.delete(id);
      const work = this.process(id)
        .catch((error: unknown) => {
          this.deps.log.error({ err: error, spoolId: id }, 'relay: delivery failed; will retry');
          this.due.set(id, Date.now() + this.retry.baseMs);
        })
        .finally(() => {
          this.active.delete(id);
          this.pump();
        });
      this.active.set(id, work);
    }
  }

  private async process(id: string): Promise<void> {
    const spooled = await this.deps.spool.read(id).catch(() => undefined);
    if (spooled === undefined) {
      this.deps.log.error({ spoolId: id }, 'relay: unreadable spool file moved to failed/');
      await this.deps.spool.moveToFailed(id).catch(() => undefined);
      return;
    }
    const { deferred, waitMs } = await this.deliverRound(spooled);
    if (deferred.size > 0 && !this.expired(spooled.envelope)) {
      await this.reschedule(spooled, waitMs);
      return;
    }
    const at = new Date().toISOString();
    for (const [index, result] of deferred) {
      const outcome: Outcome = { outcome: 'expired', at, replyCode: result.replyCode, text: result.text };
      await this.settle(spooled, index, outcome);
    }
    if (waitMs !== undefined) {
      // Held back by a domain's rate limit, not by a failure: no attempt counted, tried when a token is due.
      if (this.timer !== undefined) this.due.set(spooled.envelope.id, Date.now() + waitMs);
      return;
    }
    await this.finish(spooled);
  }

  /**
   * Tries every recipient without an outcome that its domain's rate limit lets through; returns those
   * deferred, by index, and how long until the next held-back recipient may go (undefined: none held).
   */
  private async deliverRound(spooled: Spooled): Promise<{
    deferred: Map<number, UpstreamResult & { kind: 'deferred' }>;
    waitMs: number | undefined;
  }> {
    const { envelope } = spooled;
    const deferred = new Map<number, UpstreamResult & { kind: 'deferred' }>();
    const limits = await this.deps.rateLimits(envelope.accountId);
    let waitMs: number | undefined;
    const now = Date.now();
    const pending = envelope.recipients
      .map((_, i) => i)
      .filter((i) => !spooled.outcomes.has(i))
      .filter((i) => {
        const recipient = envelope.recipients[i] ?? '';
        const wait = this.rates.take(envelope.accountId, domainOf(recipient.toLowerCase()), limits, now);
        if (wait > 0) waitMs = Math.min(waitMs ?? wait, wait);
        return wait === 0;
      });
    if (waitMs !== undefined) {
      this.deps.log.info(
        {
          spoolId: envelope.id,
          held: envelope.recipients.length - spooled.outcomes.size - pending.length,
          waitMs,
        },
        'relay: recipients held back by a domain rate limit',
      );
    }
    await Promise.all(
      pending.map(async (index) => {
        const recipient = envelope.recipients[index] ?? '';
        const from = signVerp(
          { accountId: envelope.accountId, recipient },
          { localPart: VERP_LOCAL_PART, ...this.deps.verp },
        );
        const result = await this.deps.upstream.send(from, recipient, spooled.raw);
        const at = new Date().toISOString();
        if (result.kind === 'deferred') deferred.set(index, result);
        else if (result.kind === 'accepted') {
          await this.settle(spooled, index, { outcome: 'sent', at, response: result.response });
        } else {
          const { replyCode, text, command } = result;
          await this.settle(spooled, index, { outcome: 'bounced', at, replyCode, text, command });
        }
      }),
    );
    return { deferred, waitMs };
  }

  /** Marker first (durable), then the event: a failed event is replayed from the marker later. */
  private async settle(spooled: Spooled, index: number, outcome: Outcome): Promise<void> {
    await this.deps.spool.mark(spooled.envelope.id, index, outcome);
    spooled.outcomes.set(index, outcome);
    this.deps.log.info(
      {
        spoolId: spooled.envelope.id,
        messageId: spooled.envelope.messageId,
        rcpt: spooled.envelope.recipients[index],
        outcome: outcome.outcome,
        ...('replyCode' in outcome ? { replyCode: outcome.replyCode, reply: outcome.text } : {}),
      },
      'relay: upstream answered',
    );
    await this.record(spooled.envelope, [[index, outcome]]).catch((error: unknown) =>
      this.deps.log.warn({ err: error, spoolId: spooled.envelope.id }, 'relay: event not recorded yet'),
    );
  }

  private async record(envelope: Envelope, outcomes: [number, Outcome][]): Promise<void> {
    const fresh = outcomes.filter(([index]) => !this.recorded.has(`${envelope.id}.${index}`));
    const events = fresh.flatMap(([index, outcome]) => outcomeEvent(envelope, index, outcome) ?? []);
    if (events.length > 0) await this.deps.ingestEvents(envelope.accountId, events);
    for (const [index] of fresh) this.recorded.add(`${envelope.id}.${index}`);
  }

  /** Every recipient has an outcome: replay unrecorded events, then remove (or set aside) the file. */
  private async finish(spooled: Spooled): Promise<void> {
    const { envelope, outcomes } = spooled;
    await this.record(envelope, [...outcomes]);
    const undelivered = [...outcomes.values()].some((o) => o.outcome === 'expired' && o.replyCode === null);
    if (undelivered) {
      this.deps.log.error(
        { spoolId: envelope.id, messageId: envelope.messageId },
        'relay: the upstream never answered for some recipients; message kept in the spool failed/ directory',
      );
      await this.deps.spool.moveToFailed(envelope.id);
    } else {
      await this.deps.spool.remove(envelope);
    }
    for (const index of outcomes.keys()) this.recorded.delete(`${envelope.id}.${index}`);
  }

  private expired(envelope: Envelope): boolean {
    return Date.now() - Date.parse(envelope.queuedAt) >= this.retry.giveUpAfterMs;
  }

  /**
   * The attempt count and next time go into the spool file, so a restart keeps the backoff. Recipients
   * held back by a rate limit may make the next round come sooner.
   */
  private async reschedule(spooled: Spooled, waitMs: number | undefined): Promise<void> {
    const attempts = spooled.envelope.attempts + 1;
    const backoff = Math.min(this.retry.maxMs, this.retry.baseMs * 2 ** (attempts - 1));
    const delay = Math.min(backoff, waitMs ?? backoff);
    const next = Date.now() + delay;
    const envelope: Envelope = { ...spooled.envelope, attempts, nextAttemptAt: new Date(next).toISOString() };
    await this.deps.spool.write(envelope, spooled.raw);
    if (this.timer !== undefined) this.due.set(envelope.id, next);
  }
}
