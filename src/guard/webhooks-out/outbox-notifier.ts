/**
 * The Notifier behind every guard event: the event is written to the outbox table, with one pending
 * delivery per subscription that wants it, inside the transaction of the change it announces. The
 * delivery worker does the rest.
 */
import { randomUUID } from 'node:crypto';
import type { OutboxEvent, OutboxTx } from '../../store/guard.js';
import type { GuardEvent, Notifier } from '../notifications.js';

/** The JSON a receiver gets. `id` is the same on every retry: receivers dedupe on it. */
export interface WebhookBody extends GuardEvent {
  id: string;
}

export class OutboxNotifier implements Notifier {
  constructor(
    /** Told after each committed event, so the worker starts at once instead of at its next poll. */
    private readonly onStored: () => void = () => undefined,
  ) {}

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
