/** Rates for a period: sends, deliveries, bounces by kind, complaints, by day, reason or receiving domain. */
import type { FastifyPluginAsync } from 'fastify';
import { ReboundError } from '../../errors.js';
import { principalOf } from '../auth.js';
import { problemResponses } from '../schemas.js';
import type { RouteDeps } from './route-deps.js';

const GROUPS = ['day', 'reason', 'domain'] as const;
type Group = (typeof GROUPS)[number];
const DAY_MS = 86_400_000;
/** Without `from`, the last 30 days: the window the big providers judge a sender on. */
const DEFAULT_DAYS = 30;

interface StatsQuery {
  from?: string;
  to?: string;
  groupBy: Group;
}

const dateOrDateTime = {
  anyOf: [
    { type: 'string', format: 'date' },
    { type: 'string', format: 'date-time' },
  ],
};

export const statsRoutes: FastifyPluginAsync<RouteDeps> = async (app, { service }) => {
  app.get<{ Querystring: StatsQuery }>(
    '/v1/stats',
    {
      schema: {
        summary: 'Counts and rates over [from, to)',
        description: `from and to are dates or date-times (UTC); to defaults to now, from to ${DEFAULT_DAYS} days before to.`,
        tags: ['stats'],
        querystring: {
          type: 'object',
          additionalProperties: false,
          properties: {
            from: dateOrDateTime,
            to: dateOrDateTime,
            groupBy: { type: 'string', enum: GROUPS, default: 'day' },
          },
        },
        response: {
          200: {
            type: 'object',
            required: ['from', 'to', 'groupBy', 'rows'],
            properties: {
              from: { type: 'string' },
              to: { type: 'string' },
              groupBy: { type: 'string', enum: GROUPS },
              rows: { type: 'array', items: { $ref: 'StatsRow#' } },
            },
          },
          ...problemResponses,
        },
      },
    },
    async (request) => {
      const { groupBy } = request.query;
      const to = request.query.to === undefined ? new Date() : new Date(request.query.to);
      const from =
        request.query.from === undefined
          ? new Date(to.getTime() - DEFAULT_DAYS * DAY_MS)
          : new Date(request.query.from);
      if (!(from.getTime() < to.getTime()))
        throw new ReboundError('invalid_request', 'from must be before to');
      const range = { from: from.toISOString(), to: to.toISOString() };
      const rows = await service.stats(principalOf(request).accountId, range, groupBy);
      return { ...range, groupBy, rows };
    },
  );
};
