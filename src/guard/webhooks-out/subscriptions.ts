/**
 * Outbound-webhook subscriptions of an account: a URL, an optional filter of event types, and a signing
 * secret made here and shown once, when the subscription is created.
 */
import { randomBytes } from 'node:crypto';
import { ReboundError } from '../../errors.js';
import type { DeliveryRow, GuardStore, SubscriptionRow } from '../../store/guard.js';
import { GUARD_EVENT_TYPES } from '../notifications.js';

export interface SubscriptionView {
  id: string;
  url: string;
  /** Empty: every event type. */
  eventTypes: string[];
  description: string;
  createdAt: string;
}

export interface SubscriptionInput {
  url: string;
  eventTypes?: string[] | undefined;
  description?: string | undefined;
}

export function subscriptionView(row: SubscriptionRow): SubscriptionView {
  const { id, url, eventTypes, description, createdAt } = row;
  return { id, url, eventTypes, description, createdAt };
}

export function deliveryView(row: DeliveryRow) {
  const { id, eventId, eventType, state, attempts, responseCode, error, createdAt, updatedAt } = row;
  const nextAttemptAt = state === 'pending' ? row.nextAttemptAt : null;
  return {
    id,
    eventId,
    eventType,
    state,
    attempts,
    nextAttemptAt,
    responseCode,
    error,
    createdAt,
    updatedAt,
  };
}

export async function createSubscription(
  store: GuardStore,
  accountId: string,
  input: SubscriptionInput,
): Promise<SubscriptionView & { secret: string }> {
  const url = checkUrl(input.url);
  const eventTypes = [...new Set(input.eventTypes ?? [])];
  const unknown = eventTypes.filter((t) => !(GUARD_EVENT_TYPES as readonly string[]).includes(t));
  if (unknown.length > 0) {
    throw new ReboundError(
      'invalid_request',
      `Unknown event type ${unknown.join(', ')} (known: ${GUARD_EVENT_TYPES.join(', ')}).`,
    );
  }
  const secret = `whsec_${randomBytes(32).toString('base64url')}`;
  const row = await store.createSubscription({
    accountId,
    url,
    secret,
    eventTypes,
    description: input.description ?? '',
    createdAt: new Date().toISOString(),
  });
  return { ...subscriptionView(row), secret };
}

function checkUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    throw new ReboundError('invalid_request', `url is not a URL: ${JSON.stringify(input.slice(0, 80))}.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new ReboundError('invalid_request', 'url must be http:// or https://.');
  }
  if (url.username !== '' || url.password !== '') {
    throw new ReboundError(
      'invalid_request',
      'url must not carry a user or password: the signature authenticates.',
    );
  }
  return url.toString();
}
