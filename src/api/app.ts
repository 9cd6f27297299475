/**
 * Builds the HTTP API around a service. Plugins and routes are registered from one explicit list, so
 * what the API serves is read here, not discovered from the file system. No socket is opened: the
 * caller listens (src/server.ts) or injects (tests, benchmarks).
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { Guard } from '../guard/guard.js';
import type { ReboundService } from '../service/types.js';
import { registerAuth } from './auth.js';
import { registerDrain } from './drain.js';
import { registerOpenApi } from './openapi.js';
import { errorHandler, notFoundHandler } from './problems.js';
import { addressRoutes } from './routes/addresses.js';
import { alertRoutes } from './routes/alerts.js';
import { bounceRoutes } from './routes/bounces.js';
import { checkRoutes } from './routes/check.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes, type HealthDeps } from './routes/health.js';
import { messageRoutes, type MessageRouteDeps } from './routes/messages.js';
import { pauseRoutes } from './routes/pauses.js';
import { statsRoutes } from './routes/stats.js';
import { webhookSubscriptionRoutes } from './routes/webhook-subscriptions.js';
import { webhookRoutes, type WebhookRouteDeps } from './routes/webhooks.js';
import { SHARED_SCHEMAS } from './schemas.js';

export interface ApiDeps extends HealthDeps, Pick<WebhookRouteDeps, 'webhooks'> {
  service: ReboundService;
  /** The outbound path for POST /v1/messages; absent when sending is off. */
  outbox?: MessageRouteDeps['outbox'];
  /** The deliverability guard's core (alerts, pauses, outbound webhooks); absent: those routes are off. */
  guard?: Guard;
}

export interface ApiOptions {
  logger?: FastifyServerOptions['logger'];
  version?: string;
}

const ROUTES = [bounceRoutes, eventRoutes, checkRoutes, addressRoutes, statsRoutes] as const;

export async function buildApi(deps: ApiDeps, options: ApiOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
  });
  // Every route takes JSON or, for bounces, message/rfc822: a text/plain body is a client's mistake (415).
  app.removeContentTypeParser('text/plain');
  for (const schema of SHARED_SCHEMAS) app.addSchema(schema);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // Before auth: a request refused during shutdown costs no key lookup.
  registerDrain(app);
  registerAuth(app, deps.service);
  await registerOpenApi(app, options.version ?? '0.0.0');
  await app.register(healthRoutes, { checkStore: deps.checkStore });
  for (const routes of ROUTES) await app.register(routes, { service: deps.service });
  await app.register(webhookRoutes, { service: deps.service, webhooks: deps.webhooks });
  await app.register(messageRoutes, { service: deps.service, outbox: deps.outbox ?? (() => undefined) });
  const { guard } = deps;
  if (guard !== undefined) {
    for (const routes of [alertRoutes, pauseRoutes, webhookSubscriptionRoutes])
      await app.register(routes, { guard });
  }
  await app.ready();
  return app;
}
