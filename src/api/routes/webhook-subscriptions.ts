/** Outbound webhooks: where the guard's events are POSTed, signed, and the log of each delivery. Admin only. */
import type { FastifyPluginAsync } from 'fastify';
import { GUARD_EVENT_TYPES } from '../../guard/notifications.js';
import { principalOf } from '../auth.js';
import { deliverySchema, pageSchema, subscriptionSchema } from '../guard-schemas.js';
import { pageQuery, problem, problemResponses } from '../schemas.js';
import type { GuardRouteDeps } from './guard-route-deps.js';

const idParams = { type: 'object', properties: { id: { type: 'string', maxLength: 20 } } } as const;
const admin = { access: 'admin' } as const;

export const webhookSubscriptionRoutes: FastifyPluginAsync<GuardRouteDeps> = async (app, { guard }) => {
  app.get(
    '/v1/webhook-subscriptions',
    {
      config: admin,
      schema: {
        summary: 'Outbound-webhook subscriptions (secrets are not shown)',
        tags: ['webhooks'],
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: subscriptionSchema } },
          },
          403: problem,
          ...problemResponses,
        },
      },
    },
    async (request) => ({ items: await guard.listSubscriptions(principalOf(request).accountId) }),
  );

  app.post<{ Body: { url: string; eventTypes?: string[]; description?: string } }>(
    '/v1/webhook-subscriptions',
    {
      config: admin,
      schema: {
        summary: 'Subscribe a URL to guard events; the answer holds the signing secret, shown this once',
        tags: ['webhooks'],
        body: {
          type: 'object',
          required: ['url'],
          additionalProperties: false,
          properties: {
            url: { type: 'string', minLength: 8, maxLength: 2000 },
            eventTypes: {
              type: 'array',
              maxItems: GUARD_EVENT_TYPES.length,
              items: { type: 'string', maxLength: 64 },
              description: 'Event types to receive; left out or empty: all',
            },
            description: { type: 'string', maxLength: 500 },
          },
        },
        response: { 201: subscriptionSchema, 403: problem, ...problemResponses },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await guard.createSubscription(principalOf(request).accountId, request.body)),
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/webhook-subscriptions/:id',
    {
      config: admin,
      schema: {
        summary: 'Unsubscribe: nothing more is sent, pending deliveries are dropped',
        tags: ['webhooks'],
        params: idParams,
        response: { 204: { type: 'null' }, 403: problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      await guard.deleteSubscription(principalOf(request).accountId, request.params.id);
      return reply.code(204).send();
    },
  );

  app.get<{ Params: { id: string }; Querystring: { limit: number; cursor?: string } }>(
    '/v1/webhook-subscriptions/:id/deliveries',
    {
      config: admin,
      schema: {
        summary: "A subscription's delivery log, newest first: state, attempts, response code, next try",
        tags: ['webhooks'],
        params: idParams,
        querystring: { type: 'object', additionalProperties: false, properties: { ...pageQuery } },
        response: { 200: pageSchema(deliverySchema), 403: problem, ...problemResponses },
      },
    },
    async (request) => {
      const { limit, cursor } = request.query;
      return guard.listDeliveries(principalOf(request).accountId, request.params.id, { limit, cursor });
    },
  );
};
