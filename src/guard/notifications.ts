/**
 * What the deliverability guard tells the outside world. Each part of the guard (address states,
 * alerts, sender incidents, unblock requests) hands its events to one Notifier; the outbound-webhook
 * delivery behind it signs them, stores them durably and retries, so a receiver that is down gets the
 * event later, once. The names are the `type` field of the webhook body and are part of the public API.
 */
import type { OutboxTx } from '../store/outbox.js';

export const GUARD_EVENT_TYPES = [
  'address.soft',
  'address.blocked',
  'address.unblocked',
  'alert.opened',
  'alert.closed',
  'incident.opened',
  'incident.closed',
  'unblock_request.created',
  'unblock_request.decided',
] as const;

export type GuardEventType = (typeof GUARD_EVENT_TYPES)[number];

export interface GuardEvent {
  type: GuardEventType;
  accountId: string;
  /** When it happened, ISO 8601 UTC. */
  at: string;
  /** The subject as the API shows it (an address view, an alert, an incident, a request). */
  data: Record<string, unknown>;
}

/**
 * Takes events for delivery, always inside the transaction of the change they announce, so no change
 * is kept unannounced and none is announced that was not kept.
 */
export interface Notifier {
  /**
   * Stores the events with the other writes of `tx`: they are announced if and only if those commit (a
   * crash right after the commit loses nothing). Call `committed()` once the transaction has committed.
   */
  notifyWithin(tx: OutboxTx, events: readonly GuardEvent[]): Promise<void>;
  /** Events stored by notifyWithin were committed: delivery starts now rather than at the next poll. */
  committed(): void;
}
