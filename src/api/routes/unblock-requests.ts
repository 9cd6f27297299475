/** Unblock requests: any key asks, an admin approves or denies; the checks and the decision are kept. */
import type { FastifyPluginAsync } from 'fastify';
import { ReboundError } from '../../errors.js';
import type { UnblockRequestState } from '../../guard/unblock/types.js';
import type { UnblockRequests } from '../../guard/unblock/unblock-requests.js';
import { actorOf, principalOf } from '../auth.js';
import { MAX_ADDRESS_LENGTH, pageOf, pageQuery, problem, problemResponses } from '../schemas.js';
import { UNBLOCK_STATES } from '../unblock-schemas.js';

export interface UnblockRouteDeps {
  requests: UnblockRequests;
}

const NOTE_MAX = 2000;
const idParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 20 } },
} as const;
const note = {
  type: 'string',
  minLength: 1,
  maxLength: NOTE_MAX,
  description: 'Why: kept in the audit trail',
};
const one = { $ref: 'UnblockRequest#' } as const;
const conflict = { 409: problem } as const;

export const unblockRequestRoutes: FastifyPluginAsync<UnblockRouteDeps> = async (app, { requests }) => {
  app.post<{ Body: { address: string; reason: string } }>(
    '/v1/unblock-requests',
    {
      schema: {
        summary: 'Ask for a blocked address to be unblocked',
        description:
          'Any key. The checks run at once and are kept with the request: syntax, the domain (MX, implicit MX, ' +
          'null MX), the blocking verdict and its age, complaint, unblocks so far, and the RCPT probe when enabled. ' +
          'A domain without mail, or an address at its unblock limit, is denied at once; an old hard bounce may ' +
          'be approved at once when the account enables autoApproveAfterDays. Otherwise it waits for an admin.',
        tags: ['unblock-requests'],
        body: {
          type: 'object',
          required: ['address', 'reason'],
          additionalProperties: false,
          properties: {
            address: { type: 'string', minLength: 3, maxLength: MAX_ADDRESS_LENGTH },
            reason: {
              type: 'string',
              minLength: 1,
              maxLength: NOTE_MAX,
              description: 'Why it should be unblocked',
            },
          },
        },
        response: { 201: one, ...conflict, ...problemResponses },
      },
    },
    async (request, reply) => {
      const principal = principalOf(request);
      const created = await requests.create(principal.accountId, request.body, actorOf(principal));
      return reply.code(201).send(created);
    },
  );

  app.get<{
    Querystring: { state?: UnblockRequestState; address?: string; limit: number; cursor?: string };
  }>(
    '/v1/unblock-requests',
    {
      schema: {
        summary: 'Unblock requests, newest first',
        tags: ['unblock-requests'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            state: { type: 'string', enum: UNBLOCK_STATES },
            address: { type: 'string', minLength: 3, maxLength: MAX_ADDRESS_LENGTH },
            ...pageQuery,
          },
        },
        response: { 200: pageOf('UnblockRequest'), ...problemResponses },
      },
    },
    async (request) => {
      const { state, address, limit, cursor } = request.query;
      return requests.list(principalOf(request).accountId, { state, address }, { limit, cursor });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/unblock-requests/:id',
    {
      schema: {
        summary: 'One unblock request: its checks, its state and decision',
        tags: ['unblock-requests'],
        params: idParam,
        response: { 200: one, ...problemResponses },
      },
    },
    async (request) => {
      const found = await requests.get(principalOf(request).accountId, request.params.id);
      if (found === undefined) throw new ReboundError('not_found', `No unblock request ${request.params.id}`);
      return found;
    },
  );

  app.post<{ Params: { id: string }; Body: { note: string; consent?: string } }>(
    '/v1/unblock-requests/:id/approve',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Approve: unblock the address (admin)',
        description:
          'The address is unblocked through the audited admin unblock (its history shows who and the note). An ' +
          'address blocked by a complaint needs `consent`: how and when the recipient agreed to mail again.',
        tags: ['unblock-requests'],
        params: idParam,
        body: {
          type: 'object',
          required: ['note'],
          additionalProperties: false,
          properties: {
            note,
            consent: {
              type: 'string',
              maxLength: NOTE_MAX,
              description: "The recipient's consent (complaints)",
            },
          },
        },
        response: { 200: one, 403: problem, ...conflict, ...problemResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return requests.approve(principal.accountId, request.params.id, actorOf(principal), request.body);
    },
  );

  app.post<{ Params: { id: string }; Body: { note: string } }>(
    '/v1/unblock-requests/:id/deny',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Deny: the address stays blocked (admin)',
        tags: ['unblock-requests'],
        params: idParam,
        body: { type: 'object', required: ['note'], additionalProperties: false, properties: { note } },
        response: { 200: one, 403: problem, ...conflict, ...problemResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return requests.deny(principal.accountId, request.params.id, actorOf(principal), request.body.note);
    },
  );
};
