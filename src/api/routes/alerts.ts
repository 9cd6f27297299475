/** Bounce- and complaint-rate alerts, and the account's alert settings (docs/alerts.md). */
import type { FastifyPluginAsync } from 'fastify';
import { principalOf } from '../auth.js';
import { alertSchema, pageSchema } from '../guard-schemas.js';
import { pageQuery, problemResponses } from '../schemas.js';
import type { GuardRouteDeps } from './guard-route-deps.js';

interface AlertQuery {
  state?: 'open' | 'closed';
  scope?: 'account' | 'campaign' | 'domain';
  limit: number;
  cursor?: string;
}

const settingsSchema = {
  type: 'object',
  properties: {
    windowHours: { type: 'integer' },
    minSends: { type: 'integer' },
    bounceWarn: { type: 'number' },
    bounceCritical: { type: 'number' },
    complaintWarn: { type: 'number' },
    complaintCritical: { type: 'number' },
    hysteresis: { type: 'number' },
    autoPause: { type: 'boolean' },
    emails: { type: 'array', items: { type: 'string' } },
  },
} as const;

export const alertRoutes: FastifyPluginAsync<GuardRouteDeps> = async (app, { guard }) => {
  app.get<{ Querystring: AlertQuery }>(
    '/v1/alerts',
    {
      schema: {
        summary: 'Bounce- and complaint-rate alerts, newest first',
        tags: ['alerts'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            state: { type: 'string', enum: ['open', 'closed'] },
            scope: { type: 'string', enum: ['account', 'campaign', 'domain'] },
            ...pageQuery,
          },
        },
        response: { 200: pageSchema(alertSchema), ...problemResponses },
      },
    },
    async (request) => {
      const { state, scope, limit, cursor } = request.query;
      return guard.listAlerts(principalOf(request).accountId, { state, scope }, { limit, cursor });
    },
  );

  app.get<{ Params: { id: string } }>(
    '/v1/alerts/:id',
    {
      schema: {
        summary: 'One alert',
        tags: ['alerts'],
        params: { type: 'object', properties: { id: { type: 'string', maxLength: 20 } } },
        response: { 200: alertSchema, ...problemResponses },
      },
    },
    async (request) => guard.getAlert(principalOf(request).accountId, request.params.id),
  );

  app.get(
    '/v1/settings/alerts',
    {
      schema: {
        summary: 'Alert thresholds, window, minimum volume, auto-pause, alert emails',
        tags: ['alerts'],
        response: { 200: settingsSchema, ...problemResponses },
      },
    },
    async (request) => guard.alertSettings(principalOf(request).accountId),
  );

  app.put<{ Body: Record<string, unknown> }>(
    '/v1/settings/alerts',
    {
      config: { access: 'admin' },
      schema: {
        summary: 'Change alert settings (fields left out keep their value; unknown fields are refused)',
        tags: ['alerts'],
        body: { type: 'object' },
        response: { 200: settingsSchema, ...problemResponses },
      },
    },
    async (request) => guard.updateAlertSettings(principalOf(request).accountId, request.body),
  );
};
