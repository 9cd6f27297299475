/** The send gate: may the CRM send to these recipients? One answer per recipient, in order. */
import type { FastifyPluginAsync } from 'fastify';
import { principalOf } from '../auth.js';
import { checkResultsJson } from '../check-json.js';
import { ADDRESS_STATUSES, MAX_ADDRESS_LENGTH, problem, problemResponses } from '../schemas.js';
import type { RouteDeps } from './route-deps.js';

export const MAX_RECIPIENTS = 100_000;
/** 100,000 addresses of the longest legal length, JSON-quoted: the one route with a big JSON body. */
export const CHECK_BODY_LIMIT = MAX_RECIPIENTS * (MAX_ADDRESS_LENGTH + 3) + 1024;

const resultSchema = {
  type: 'object',
  required: ['address', 'allowed', 'state', 'reason', 'explanation'],
  properties: {
    address: { type: 'string' },
    allowed: { type: 'boolean' },
    state: { type: 'string', enum: ADDRESS_STATUSES },
    reason: { type: ['string', 'null'] },
    explanation: { type: 'string' },
    held: {
      type: 'object',
      description: 'A pause or sender incident holds this recipient: try later; its state is untouched',
      required: ['scope', 'source', 'sourceId', 'explanation', 'since'],
      properties: {
        scope: { type: 'object', additionalProperties: true },
        source: { type: 'string', enum: ['pause', 'incident'] },
        sourceId: { type: 'string' },
        explanation: { type: 'string' },
        since: { type: 'string' },
      },
    },
  },
} as const;

export const checkRoutes: FastifyPluginAsync<RouteDeps> = async (app, { service }) => {
  app.post<{ Body: { recipients: string[]; campaign?: string } }>(
    '/v1/check',
    {
      bodyLimit: CHECK_BODY_LIMIT,
      schema: {
        summary: 'May I send to these recipients?',
        description: `Up to ${MAX_RECIPIENTS} recipients; the results come in the same order. An address never seen is allowed.`,
        tags: ['check'],
        body: {
          type: 'object',
          required: ['recipients'],
          additionalProperties: false,
          properties: {
            recipients: {
              type: 'array',
              maxItems: MAX_RECIPIENTS,
              // No length bounds here: Ajv counts each string's code points twice for them (~5% of a
              // 100,000-recipient call); normaliseAddress bounds the length, as it checks the rest.
              items: { type: 'string', description: 'An email address (254 characters at most)' },
            },
            campaign: {
              type: 'string',
              minLength: 1,
              maxLength: 200,
              description: "The send's campaign or tag",
            },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['results'],
            properties: { results: { type: 'array', items: resultSchema } },
          },
          413: problem,
          ...problemResponses,
        },
      },
    },
    async (request, reply) => {
      const { recipients, campaign } = request.body;
      const results = await service.check(principalOf(request).accountId, recipients, campaign);
      // The schema's serializer checks every enum and union of 100,000 results on the way; this one
      // writes the bytes of JSON.stringify({ results }) directly.
      return reply.type('application/json; charset=utf-8').send(checkResultsJson(results));
    },
  );
};
