/**
 * The outbound-webhook outbox as another transaction sees it: a store transaction (StoreTx) writes the
 * events that announce its changes with them. Imports nothing, so the dashboard's type check, which
 * reads the guard's event names (src/guard/notifications.ts), stays free of the server's modules.
 */

/** An outbound event as the outbox stores it. */
export interface OutboxEvent {
  accountId: string;
  type: string;
  at: string;
  body: string;
}

/** The events and their deliveries are written with the transaction's other writes, or not at all. */
export interface OutboxTx {
  enqueueGuardEvents(queuedAt: string, events: readonly OutboxEvent[]): Promise<void>;
}

/**
 * Writes, in the transaction of a state change, the events that announce it, given the changed row: a
 * store method that changes alert, incident or unblock-request state takes one.
 */
export type Announce<T> = (tx: OutboxTx, row: T) => Promise<void>;
