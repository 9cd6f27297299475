/** GET /health without a key: for load balancers and orchestrators. It reads the store, so a lost database shows. */
import type { FastifyPluginAsync } from 'fastify';
import { problemOf, sendProblem } from '../problems.js';
import { problem } from '../schemas.js';

export interface HealthDeps {
  /** Resolves when the store answers; rejects (with the cause, for the log) when it does not. */
  checkStore: () => Promise<void>;
}

export const healthRoutes: FastifyPluginAsync<HealthDeps> = async (app, { checkStore }) => {
  app.get(
    '/health',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Liveness and store reachability (no key needed)',
        tags: ['health'],
        response: {
          200: {
            type: 'object',
            required: ['status'],
            properties: { status: { type: 'string', enum: ['ok'] } },
          },
          503: problem,
        },
      },
    },
    async (request, reply) => {
      try {
        await checkStore();
      } catch (error) {
        request.log.error({ err: error }, 'health check: store unreachable');
        return sendProblem(reply, problemOf('database_unavailable'));
      }
      return { status: 'ok' };
    },
  );
};
