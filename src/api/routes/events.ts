/** Events the CRM or a provider reports (sent, delivered, deferred, bounced, complained), in batches. */
import type { FastifyPluginAsync } from 'fastify';
import { REASON_NAMES } from '../../classify/reasons.js';
import type { EventInput } from '../../service/types.js';
import { principalOf } from '../auth.js';
import { EVENT_TYPES, MAX_ADDRESS_LENGTH, problemResponses } from '../schemas.js';
import type { RouteDeps } from './route-deps.js';

/** One batch is one transaction in the store: large enough for a provider's webhook, small enough to lock briefly. */
export const MAX_EVENTS = 10_000;

const eventSchema = {
  type: 'object',
  required: ['type', 'recipient'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', enum: EVENT_TYPES },
    recipient: { type: 'string', minLength: 3, maxLength: MAX_ADDRESS_LENGTH },
    messageId: { type: 'string', minLength: 1, maxLength: 998 },
    at: { type: 'string', format: 'date-time', description: 'Event time; defaults to now' },
    reason: { type: 'string', enum: REASON_NAMES },
    status: { type: 'string', pattern: '^[245]\\.\\d{1,3}\\.\\d{1,3}$', description: 'Enhanced status code' },
    replyCode: { type: 'integer', minimum: 200, maximum: 599 },
    diagnosticCode: { type: 'string', maxLength: 4000 },
    campaign: {
      type: 'string',
      minLength: 1,
      maxLength: 200,
      description: "A send's campaign or tag: its bounces count in that campaign's rates (docs/alerts.md)",
    },
  },
} as const;

export const eventRoutes: FastifyPluginAsync<RouteDeps> = async (app, { service }) => {
  app.post<{ Body: { events: EventInput[] } }>(
    '/v1/events',
    {
      schema: {
        summary: 'Report sends, deliveries, deferrals, bounces and complaints',
        description:
          'Applied in event-time order per address, whatever order they arrive in. With a messageId, the ' +
          "same event sent twice counts once. Answers the resulting state of each event's address, in order.",
        tags: ['events'],
        body: {
          type: 'object',
          required: ['events'],
          additionalProperties: false,
          properties: { events: { type: 'array', minItems: 1, maxItems: MAX_EVENTS, items: eventSchema } },
        },
        response: {
          202: {
            type: 'object',
            required: ['results'],
            properties: { results: { type: 'array', items: { $ref: 'AddressView#' } } },
          },
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const result = await service.ingestEvents(principalOf(request).accountId, request.body.events);
      return reply.code(202).send(result);
    },
  );
};
