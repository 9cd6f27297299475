/** Sender incidents, DNS blocklist checks and the guard settings (CONTRACT.md, docs/incidents.md). */
import type { FastifyPluginAsync } from 'fastify';
import { ReboundError } from '../../errors.js';
import type { BlocklistChecker } from '../../guard/blocklist-checker.js';
import type { IncidentTracker } from '../../guard/incident-tracker.js';
import { keysetOf, pageOf as pageOfRows } from '../../service/pagination.js';
import type { IncidentState } from '../../store/incidents.js';
import type { Store } from '../../store/store.js';
import { actorOf, principalOf } from '../auth.js';
import { pageOf, pageQuery, problem, problemResponses } from '../schemas.js';
import {
  CHECK_VIEW,
  GUARD_SETTINGS,
  INCIDENT_DETAIL,
  INCIDENT_STATES,
  INCIDENT_VIEW,
  INCIDENT_SCHEMAS,
} from '../incident-schemas.js';

export interface IncidentRouteDeps {
  store: Store;
  tracker: IncidentTracker;
  checker: Pick<BlocklistChecker, 'run'>;
}

const idParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: '^[0-9]{1,15}$' } },
} as const;

export const incidentRoutes: FastifyPluginAsync<IncidentRouteDeps> = async (
  app,
  { store, tracker, checker },
) => {
  for (const schema of INCIDENT_SCHEMAS) app.addSchema(schema);

  app.get<{ Querystring: { state?: IncidentState; limit: number; cursor?: string } }>(
    '/v1/incidents',
    {
      schema: {
        summary: 'Sender incidents, newest first',
        tags: ['incidents'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: { state: { type: 'string', enum: INCIDENT_STATES }, ...pageQuery },
        },
        response: { 200: pageOf(INCIDENT_VIEW), ...problemResponses },
      },
    },
    async (request) => {
      const { state, limit, cursor } = request.query;
      return tracker.list(principalOf(request).accountId, { state }, { limit, cursor });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/incidents/:id',
    {
      schema: {
        summary: 'One incident: evidence, affected recipients, repairs and what to do',
        tags: ['incidents'],
        params: idParam,
        response: { 200: { $ref: `${INCIDENT_DETAIL}#` }, ...problemResponses },
      },
    },
    async (request) => {
      const detail = await tracker.get(principalOf(request).accountId, request.params.id);
      if (detail === undefined)
        throw new ReboundError('not_found', `There is no incident ${request.params.id}.`);
      return detail;
    },
  );

  app.post<{ Params: { id: string }; Body: { note: string } }>(
    '/v1/incidents/:id/resolve',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Close an incident (admin): the hold on its receiving domain lifts',
        tags: ['incidents'],
        params: idParam,
        body: {
          type: 'object',
          required: ['note'],
          additionalProperties: false,
          properties: { note: { type: 'string', minLength: 1, maxLength: 2000 } },
        },
        response: { 200: { $ref: `${INCIDENT_DETAIL}#` }, 403: problem, 409: problem, ...problemResponses },
      },
    },
    async (request) => {
      const principal = principalOf(request);
      return tracker.resolve(principal.accountId, request.params.id, actorOf(principal), request.body.note);
    },
  );

  app.post(
    '/v1/blocklist-checks',
    {
      schema: {
        summary: 'Check the sending IPs and domains against the DNS blocklists now',
        tags: ['incidents'],
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: { $ref: `${CHECK_VIEW}#` } } },
          },
          ...problemResponses,
        },
      },
    },
    async (request) => ({ items: await checker.run(principalOf(request).accountId) }),
  );

  app.get<{ Querystring: { limit: number; cursor?: string } }>(
    '/v1/blocklist-checks',
    {
      schema: {
        summary: 'Stored DNS blocklist check results, newest first',
        tags: ['incidents'],
        querystring: { type: 'object', additionalProperties: false, properties: { ...pageQuery } },
        response: { 200: pageOf(CHECK_VIEW), ...problemResponses },
      },
    },
    async (request) => {
      const keyset = keysetOf(request.query);
      const rows = await store.incidents.listChecks(principalOf(request).accountId, keyset);
      return pageOfRows(
        rows,
        keyset.pageSize,
        (r) => r.id,
        (r) => r,
      );
    },
  );

  app.get(
    '/v1/settings/guard',
    {
      schema: {
        summary: 'The sender guard settings',
        tags: ['settings'],
        response: { 200: { $ref: `${GUARD_SETTINGS}#` }, ...problemResponses },
      },
    },
    async (request) => tracker.settings(principalOf(request).accountId),
  );

  app.put<{ Body: Record<string, unknown> }>(
    '/v1/settings/guard',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Change the sender guard settings (admin); fields left out keep their value',
        tags: ['settings'],
        body: { type: 'object' },
        response: { 200: { $ref: `${GUARD_SETTINGS}#` }, 403: problem, ...problemResponses },
      },
    },
    async (request) => tracker.updateSettings(principalOf(request).accountId, request.body),
  );
};
