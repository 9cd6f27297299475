/**
 * The Notifier behind every guard event: the event is written to the outbox table, with one pending
 * delivery per subscription that wants it, before notify() resolves, or inside the caller's transaction
 * (notifyWithin). The delivery worker does the rest.
 */
import { randomUUID } from 'node:crypto';
import type { GuardStore, OutboxEvent, OutboxTx } from '../../store/guard.js';
import type { GuardEvent, Notifier } from '../notifications.js';

/** The JSON a receiver gets. `id` is the same on every retry: receivers dedupe on it. */
export interface WebhookBody extends GuardEvent {
  id: string;
}

export class OutboxNotifier implements Notifier {
  constructor(
    private readonly store: Pick<GuardStore, 'enqueueEvent'>,
    /** Told after each stored event, so the worker starts at once instead of at its next poll. */
    private readonly onStored: () => void = () => undefined,
  ) {}

  async notify(event: GuardEvent): Promise<void> {
    await this.store.enqueueEvent({ ...outboxEvent(event), queuedAt: new Date().toISOString() });
    this.onStored();
  }

  async notifyWithin(tx: OutboxTx, events: readonly GuardEvent[]): Promise<void> {
    if (events.length > 0) await tx.enqueueGuardEvents(new Date().toISOString(), events.map(outboxEvent));
  }

  committed(): void {
    this.onStored();
  }
}

function outboxEvent(event: GuardEvent): OutboxEvent {
  const body: WebhookBody = { id: `evt_${randomUUID()}`, ...event };
  return { accountId: event.accountId, type: event.type, at: event.at, body: JSON.stringify(body) };
}
