/** The outbound-webhook half of the guard store: subscriptions, the event outbox and its deliveries. */
import type {
  ClaimedDelivery,
  OutboxEvent,
  DeliveryOutcome,
  DeliveryRow,
  GuardStore,
  SubscriptionRow,
} from './guard.js';
import { deliveryRow, eventTypesColumn, subscriptionRow } from './guard-rows.js';
import type { Announce, OutboxTx } from './outbox.js';
import { sqlChunks, valueRows } from './sql-chunks.js';
import type { SqlDb, SqlParams, SqlRow } from './sql-db.js';
import type { Keyset } from './store.js';

const SUBSCRIPTION_COLUMNS = 'id, account_id, url, secret, event_types, description, created_at';

/** The oldest pending delivery of each subscription, due and not leased: the only ones a worker may take. */
const HEADS = `SELECT d.id FROM webhook_deliveries d
  WHERE d.state = 'pending' AND d.next_attempt_at <= @now AND (d.lease_until IS NULL OR d.lease_until <= @now)
    AND d.id = (SELECT min(h.id) FROM webhook_deliveries h
                WHERE h.subscription_id = d.subscription_id AND h.state = 'pending')
  ORDER BY d.next_attempt_at LIMIT @limit`;

type WebhookMethods = Pick<
  GuardStore,
  | 'createSubscription'
  | 'listSubscriptions'
  | 'getSubscription'
  | 'deleteSubscription'
  | 'claimDeliveries'
  | 'finishDelivery'
  | 'nextDeliveryDue'
  | 'listDeliveries'
>;

export class SqlWebhookStore implements WebhookMethods {
  constructor(protected readonly db: SqlDb) {}

  async createSubscription(row: Omit<SubscriptionRow, 'id'>): Promise<SubscriptionRow> {
    const [r] = await this.db.all(
      `INSERT INTO webhook_subscriptions (account_id, url, secret, event_types, description, created_at)
       VALUES (@accountId, @url, @secret, @eventTypes, @description, @createdAt) RETURNING ${SUBSCRIPTION_COLUMNS}`,
      { ...row, eventTypes: eventTypesColumn(row.eventTypes) },
    );
    return subscriptionRow(r ?? {});
  }

  async listSubscriptions(accountId: string): Promise<SubscriptionRow[]> {
    const rows = await this.db.all(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions
       WHERE account_id = @accountId AND deleted_at IS NULL ORDER BY id`,
      { accountId },
    );
    return rows.map(subscriptionRow);
  }

  async getSubscription(accountId: string, id: string): Promise<SubscriptionRow | undefined> {
    if (!isId(id)) return undefined;
    const [r] = await this.db.all(
      `SELECT ${SUBSCRIPTION_COLUMNS} FROM webhook_subscriptions
       WHERE account_id = @accountId AND id = @id AND deleted_at IS NULL`,
      { accountId, id: Number(id) },
    );
    return r === undefined ? undefined : subscriptionRow(r);
  }

  async deleteSubscription(accountId: string, id: string, at: string): Promise<boolean> {
    if (!isId(id)) return false;
    return this.db.tx(async (db) => {
      const gone = await db.all(
        `UPDATE webhook_subscriptions SET deleted_at = @at
         WHERE account_id = @accountId AND id = @id AND deleted_at IS NULL RETURNING id`,
        { accountId, id: Number(id), at },
      );
      if (gone.length === 0) return false;
      await db.all(
        `UPDATE webhook_deliveries SET state = 'failed', error = 'subscription deleted', updated_at = @at
         WHERE subscription_id = @id AND state = 'pending'`,
        { id: Number(id), at },
      );
      return true;
    });
  }

  async claimDeliveries(now: string, leaseUntil: string, limit: number): Promise<ClaimedDelivery[]> {
    // Postgres: several processes claim at once; SKIP LOCKED lets each take other rows instead of waiting,
    // and the lease test is repeated on the locked row so no delivery is claimed twice.
    const heads = this.db.dialect === 'postgres' ? `${HEADS} FOR UPDATE OF d SKIP LOCKED` : HEADS;
    const claimed = await this.db.all(
      `UPDATE webhook_deliveries SET lease_until = @leaseUntil
       WHERE id IN (${heads}) AND (lease_until IS NULL OR lease_until <= @now) RETURNING id`,
      { now, leaseUntil, limit },
    );
    const out: ClaimedDelivery[] = [];
    for (const { id } of claimed) {
      const [r] = await this.db.all(
        `SELECT d.id, d.subscription_id, d.attempts, d.event_id, s.url, s.secret, e.body
         FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
           JOIN guard_events e ON e.id = d.event_id
         WHERE d.id = @id`,
        { id: Number(id) },
      );
      if (r === undefined) continue;
      out.push({
        id: String(r.id),
        subscriptionId: String(r.subscription_id),
        url: String(r.url),
        secret: String(r.secret),
        attempts: Number(r.attempts),
        eventId: String(r.event_id),
        body: String(r.body),
      });
    }
    return out;
  }

  async finishDelivery(id: string, o: DeliveryOutcome): Promise<void> {
    await this.db.all(
      `UPDATE webhook_deliveries SET state = @state, attempts = @attempts, next_attempt_at = @nextAttemptAt,
         response_code = @responseCode, error = @error, lease_until = NULL, updated_at = @at
       WHERE id = @id`,
      { ...o, id: Number(id) },
    );
  }

  async nextDeliveryDue(): Promise<string | undefined> {
    const [r] = await this.db.all(
      "SELECT min(next_attempt_at) AS due FROM webhook_deliveries WHERE state = 'pending'",
    );
    return r?.due === null || r?.due === undefined ? undefined : String(r.due);
  }

  async listDeliveries(accountId: string, subscriptionId: string, page: Keyset): Promise<DeliveryRow[]> {
    if (!isId(subscriptionId)) return [];
    const after = page.after === null ? '' : 'AND d.id < @after';
    const rows = await this.db.all(
      `SELECT d.id, d.subscription_id, d.event_id, e.type, d.state, d.attempts, d.next_attempt_at,
         d.response_code, d.error, d.created_at, d.updated_at
       FROM webhook_deliveries d JOIN webhook_subscriptions s ON s.id = d.subscription_id
         JOIN guard_events e ON e.id = d.event_id
       WHERE s.account_id = @accountId AND d.subscription_id = @subscriptionId ${after}
       ORDER BY d.id DESC LIMIT @limit`,
      {
        accountId,
        subscriptionId: Number(subscriptionId),
        limit: page.limit,
        ...(page.after === null ? {} : { after: Number(page.after) }),
      },
    );
    return rows.map(deliveryRow);
  }
}

/**
 * Stores events and one pending delivery per live subscription of their account that wants their type,
 * due from `queuedAt`; their ids, in order. `db` must be inside the transaction of the change the events
 * announce: an ingest's (StoreTx.enqueueGuardEvents) or a guard state change's (announcedWrite).
 */
export async function insertGuardEvents(
  db: SqlDb,
  queuedAt: string,
  events: readonly OutboxEvent[],
): Promise<string[]> {
  const ids: string[] = [];
  for (const part of sqlChunks(events)) {
    const params: SqlParams = { queuedAt };
    const values = valueRows(part, (e) => [e.accountId, e.type, e.at, e.body], params);
    const rows = await db.all(
      `INSERT INTO guard_events (account_id, type, at, body) VALUES ${values} RETURNING id`,
      params,
    );
    const chunk = rows.map((r) => Number(r.id)).sort((x, y) => x - y);
    Object.assign(params, Object.fromEntries(chunk.map((id, i) => [`e${i}`, id])));
    // In event id order, then subscription id: one subscription's deliveries go out in that order.
    await db.all(
      `INSERT INTO webhook_deliveries (subscription_id, event_id, state, attempts, next_attempt_at, created_at, updated_at)
       SELECT s.id, e.id, 'pending', 0, @queuedAt, @queuedAt, @queuedAt
       FROM guard_events e JOIN webhook_subscriptions s ON s.account_id = e.account_id AND s.deleted_at IS NULL
         AND (s.event_types = '' OR s.event_types LIKE '%,' || e.type || ',%')
       WHERE e.id IN (${chunk.map((_, i) => `@e${i}`).join(', ')})
       ORDER BY e.id, s.id`,
      params,
    );
    ids.push(...chunk.map(String));
  }
  return ids;
}

/**
 * A state change of one row (a write with RETURNING) and the events announcing it, in one transaction:
 * the row, or undefined (nothing announced) when the write changed none.
 */
export async function announcedWrite<T>(
  db: SqlDb,
  announce: Announce<T>,
  sql: string,
  params: SqlParams,
  toRow: (r: SqlRow) => T,
): Promise<T | undefined> {
  return db.tx(async (tx) => {
    const [r] = await tx.all(sql, params);
    if (r === undefined) return undefined;
    const row = toRow(r);
    await announce(outboxTx(tx), row);
    return row;
  });
}

function outboxTx(db: SqlDb): OutboxTx {
  return {
    async enqueueGuardEvents(queuedAt, events) {
      if (events.length > 0) await insertGuardEvents(db, queuedAt, events);
    },
  };
}

/** Ids are database sequences: anything else is simply not found. */
export function isId(id: string): boolean {
  return /^\d{1,15}$/.test(id);
}
