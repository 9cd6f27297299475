/**
 * The Notifier behind every guard event: the event is written to the outbox table, with one pending
 * delivery per subscription that wants it, before notify() resolves. The delivery worker does the rest.
 */
import { randomUUID } from 'node:crypto';
import type { GuardStore } from '../../store/guard.js';
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
    const body: WebhookBody = { id: `evt_${randomUUID()}`, ...event };
    await this.store.enqueueEvent({
      accountId: event.accountId,
      type: event.type,
      at: event.at,
      body: JSON.stringify(body),
      queuedAt: new Date().toISOString(),
    });
    this.onStored();
  }
}
