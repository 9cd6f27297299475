/** Pauses: what holds sends for the account, a campaign or a receiving domain, and the admin's resume. */
import type { FastifyPluginAsync } from 'fastify';
import { actorOf, principalOf } from '../auth.js';
import { pageSchema, pauseSchema, scopeSchema } from '../guard-schemas.js';
import { pageQuery, problem, problemResponses } from '../schemas.js';
import type { GuardRouteDeps } from './guard-route-deps.js';

const note = {
  type: 'string',
  minLength: 1,
  maxLength: 2000,
  description: 'Why: kept with the pause',
} as const;

export const pauseRoutes: FastifyPluginAsync<GuardRouteDeps> = async (app, { guard }) => {
  app.get<{ Querystring: { state?: 'active' | 'resumed'; limit: number; cursor?: string } }>(
    '/v1/pauses',
    {
      schema: {
        summary: 'Pauses, newest first',
        tags: ['pauses'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { state: { type: 'string', enum: ['active', 'resumed'] }, ...pageQuery },
        },
        response: { 200: pageSchema(pauseSchema), ...problemResponses },
      },
    },
    async (request) => {
      const { state, limit, cursor } = request.query;
      return guard.listPauses(principalOf(request).accountId, state, { limit, cursor });
    },
  );

  app.post<{ Body: { scope: { kind: string; campaign?: string; domain?: string }; note: string } }>(
    '/v1/pauses',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Pause sending for the account, a campaign or a receiving domain',
        description: 'While active, the send gate holds the recipients in scope (451 4.7.1 in the relay).',
        tags: ['pauses'],
        body: {
          type: 'object',
          required: ['scope', 'note'],
          additionalProperties: false,
          properties: { scope: scopeSchema, note },
        },
        response: { 201: pauseSchema, 403: problem, 409: problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const { scope, note: why } = request.body;
      return reply.code(201).send(await guard.pause(principal.accountId, scope, actorOf(principal), why));
    },
  );

  app.post<{ Params: { id: string }; Body: { note: string } }>(
    '/v1/pauses/:id/resume',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Resume sending: the pause ends, held mail goes on its next retry',
        tags: ['pauses'],
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 20 } } },
        body: { type: 'object', required: ['note'], additionalProperties: false, properties: { note } },
        response: { 200: pauseSchema, 403: problem, 409: problem, ...problemResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return guard.resume(principal.accountId, request.params.id, actorOf(principal), request.body.note);
    },
  );
};
