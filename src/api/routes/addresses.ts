/** Addresses: one address's state and history, the paginated list, and the audited admin block/unblock. */
import type { FastifyPluginAsync } from 'fastify';
import { ReboundError } from '../../errors.js';
import type { AddressStatus } from '../../policy/types.js';
import type { ReboundService } from '../../service/types.js';
import { actorOf, principalOf } from '../auth.js';
import { ADDRESS_STATUSES, addressParam, pageOf, pageQuery, problem, problemResponses } from '../schemas.js';
import type { RouteDeps } from './route-deps.js';

interface ListQuery {
  /** `state` as the issue spells it; `status` as the field in the answers is named. */
  state?: AddressStatus;
  status?: AddressStatus;
  reason?: string;
  domain?: string;
  limit: number;
  cursor?: string;
}

const noteBody = {
  type: 'object',
  required: ['note'],
  additionalProperties: false,
  properties: {
    note: { type: 'string', minLength: 1, maxLength: 2000, description: 'Why: kept in the audit trail' },
  },
} as const;

export const addressRoutes: FastifyPluginAsync<RouteDeps> = async (app, { service }) => {
  app.get<{ Querystring: ListQuery }>(
    '/v1/addresses',
    {
      schema: {
        summary: 'List addresses Rebound knows, in address order',
        tags: ['addresses'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            state: { type: 'string', enum: ADDRESS_STATUSES },
            status: { type: 'string', enum: ADDRESS_STATUSES, description: 'Same as state' },
            reason: { type: 'string', maxLength: 64 },
            domain: { type: 'string', maxLength: 255 },
            ...pageQuery,
          },
        },
        response: { 200: pageOf('AddressView'), ...problemResponses },
      },
    },
    async (request) => {
      const { state, status, reason, domain, limit, cursor } = request.query;
      if (state !== undefined && status !== undefined && state !== status) {
        throw new ReboundError('invalid_request', 'state and status are the same filter: give one');
      }
      const filter = { status: state ?? status, reason, domain };
      return service.listAddresses(principalOf(request).accountId, filter, { limit, cursor });
    },
  );

  app.get<{ Params: { address: string } }>(
    '/v1/addresses/:address',
    {
      schema: {
        summary: "An address's state, the signal that decided it, and its full history",
        tags: ['addresses'],
        params: addressParam,
        response: { 200: { $ref: 'AddressDetail#' }, ...problemResponses },
      },
    },
    async (request) => {
      const detail = await service.getAddress(principalOf(request).accountId, request.params.address);
      if (detail === undefined)
        throw new ReboundError('not_found', `Rebound has no record of ${request.params.address}`);
      return detail;
    },
  );

  registerAdminAction(app, service, 'block');
  registerAdminAction(app, service, 'unblock');
};

type AdminAction = 'block' | 'unblock';

function registerAdminAction(
  app: Parameters<FastifyPluginAsync<RouteDeps>>[0],
  service: ReboundService,
  action: AdminAction,
): void {
  app.post<{ Params: { address: string }; Body: { note: string } }>(
    `/v1/addresses/:address/${action}`,
    {
      config: { access: 'admin' },
      schema: {
        summary: action === 'block' ? 'Block an address (admin)' : 'Unblock an address (admin)',
        description:
          'Needs an admin key and a note; the action, its author and the note go into the history.',
        tags: ['addresses'],
        params: addressParam,
        body: noteBody,
        response: { 200: { $ref: 'AddressView#' }, 403: problem, ...problemResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      const run = action === 'block' ? service.block : service.unblock;
      return run.call(
        service,
        principal.accountId,
        request.params.address,
        actorOf(principal),
        request.body.note,
      );
    },
  );
}
