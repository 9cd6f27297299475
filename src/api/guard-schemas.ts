/** JSON schemas of the guard's resources (alerts, pauses, webhook subscriptions, deliveries), for OpenAPI. */
import { GUARD_EVENT_TYPES } from '../guard/notifications.js';

const str = { type: 'string' } as const;
const strOrNull = { type: ['string', 'null'] } as const;
const int = { type: 'integer' } as const;

export const scopeSchema = {
  type: 'object',
  required: ['kind'],
  additionalProperties: false,
  properties: {
    kind: { type: 'string', enum: ['account', 'campaign', 'domain'] },
    campaign: { type: 'string', minLength: 1, maxLength: 200 },
    domain: { type: 'string', minLength: 1, maxLength: 255 },
  },
} as const;

export const alertSchema = {
  type: 'object',
  required: ['id', 'scope', 'metric', 'level', 'state', 'rate', 'explanation', 'openedAt'],
  properties: {
    id: str,
    scope: scopeSchema,
    metric: { type: 'string', enum: ['bounce', 'complaint'] },
    level: { type: 'string', enum: ['warn', 'critical'] },
    state: { type: 'string', enum: ['open', 'closed'] },
    rate: { type: 'number', description: 'Fraction: 0.062 = 6.2%' },
    count: int,
    sent: int,
    threshold: { type: 'number' },
    windowHours: int,
    explanation: str,
    openedAt: str,
    updatedAt: str,
    closedAt: strOrNull,
  },
} as const;

export const pauseSchema = {
  type: 'object',
  required: ['id', 'scope', 'state', 'explanation', 'createdAt'],
  properties: {
    id: str,
    scope: scopeSchema,
    state: { type: 'string', enum: ['active', 'resumed'] },
    alertId: strOrNull,
    actor: str,
    note: str,
    explanation: str,
    createdAt: str,
    resumedAt: strOrNull,
    resumedBy: strOrNull,
    resumeNote: strOrNull,
  },
} as const;

export const subscriptionSchema = {
  type: 'object',
  required: ['id', 'url', 'eventTypes', 'description', 'createdAt'],
  properties: {
    id: str,
    url: str,
    eventTypes: { type: 'array', items: { type: 'string', enum: GUARD_EVENT_TYPES } },
    description: str,
    createdAt: str,
    secret: {
      type: 'string',
      description: 'Only in the answer to the creation: keep it, it is not shown again',
    },
  },
} as const;

export const deliverySchema = {
  type: 'object',
  required: ['id', 'eventId', 'eventType', 'state', 'attempts'],
  properties: {
    id: str,
    eventId: str,
    eventType: str,
    state: { type: 'string', enum: ['pending', 'delivered', 'failed'] },
    attempts: int,
    nextAttemptAt: { ...strOrNull, description: 'When it is tried again; null once delivered or failed' },
    responseCode: { type: ['integer', 'null'] },
    error: strOrNull,
    createdAt: str,
    updatedAt: str,
  },
} as const;

export function pageSchema(item: object) {
  return {
    type: 'object',
    required: ['items', 'next'],
    properties: { items: { type: 'array', items: item }, next: strOrNull },
  } as const;
}
