/**
 * Builds the HTTP API around a service. Plugins and routes are registered from one explicit list, so
 * what the API serves is read here, not discovered from the file system. No socket is opened: the
 * caller listens (src/server.ts) or injects (tests, benchmarks).
 */
import Fastify, { type FastifyInstance, type FastifyServerOptions } from 'fastify';
import type { AccessService } from '../access/access-service.js';
import type { Guard } from '../guard/guard.js';
import type { ReboundService } from '../service/types.js';
import { registerAuth } from './auth.js';
import { registerDashboard } from './dashboard.js';
import { registerDrain } from './drain.js';
import { registerOpenApi } from './openapi.js';
import { errorHandler, notFoundHandler } from './problems.js';
import { addressRoutes } from './routes/addresses.js';
import { alertRoutes } from './routes/alerts.js';
import { bounceRoutes } from './routes/bounces.js';
import { captureSettingsRoutes, type CaptureSettingsRouteDeps } from './routes/capture-settings.js';
import { checkRoutes } from './routes/check.js';
import { eventRoutes } from './routes/events.js';
import { healthRoutes, type HealthDeps } from './routes/health.js';
import { keyRoutes } from './routes/keys.js';
import { incidentRoutes, type IncidentRouteDeps } from './routes/incidents.js';
import { messageRoutes, type MessageRouteDeps } from './routes/messages.js';
import { sessionRoutes } from './routes/session.js';
import { statsRoutes } from './routes/stats.js';
import { userRoutes } from './routes/users.js';
import { pauseRoutes } from './routes/pauses.js';
import { webhookSubscriptionRoutes } from './routes/webhook-subscriptions.js';
import { webhookRoutes, type WebhookRouteDeps } from './routes/webhooks.js';
import { policySettingsRoutes } from './routes/policy-settings.js';
import { unblockRequestRoutes, type UnblockRouteDeps } from './routes/unblock-requests.js';
import { SHARED_SCHEMAS } from './schemas.js';
import type { TrustProxy } from '../config.js';
import { UNBLOCK_SCHEMAS } from './unblock-schemas.js';

export interface ApiDeps extends HealthDeps, Pick<WebhookRouteDeps, 'webhooks'> {
  service: ReboundService;
  /** The outbound path for POST /v1/messages; absent when sending is off. */
  outbox?: MessageRouteDeps['outbox'];
  /** /v1/settings/sending and /v1/settings/webhook-secrets; absent: those routes are not served. */
  captureSettings?: CaptureSettingsRouteDeps['captureSettings'];
  /** Unblock requests (src/guard/unblock/); their routes are served when given. */
  unblockRequests?: UnblockRouteDeps['requests'];
  /** Logins, people and keys (the dashboard's); absent, /v1/session, /v1/users and /v1/keys are not served. */
  access?: AccessService;
  /** The built dashboard (dist/web), served at `/`; absent, the API runs alone. */
  webRoot?: string;
  /** Sender incidents and DNS blocklist checks; absent: those routes are not served. */
  incidents?: IncidentRouteDeps;
  /** The deliverability guard's core (alerts, pauses, outbound webhooks); absent: those routes are off. */
  guard?: Guard;
}

export interface ApiOptions {
  logger?: FastifyServerOptions['logger'];
  /** The proxies whose X-Forwarded-For gives `request.ip` (config REBOUND_TRUST_PROXY); none by default. */
  trustProxy?: TrustProxy | undefined;
  version?: string;
}

const ROUTES = [
  bounceRoutes,
  eventRoutes,
  checkRoutes,
  addressRoutes,
  statsRoutes,
  policySettingsRoutes,
] as const;
const ACCESS_ROUTES = [sessionRoutes, userRoutes, keyRoutes] as const;

export async function buildApi(deps: ApiDeps, options: ApiOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    logger: options.logger ?? false,
    ...(options.trustProxy === undefined ? {} : { trustProxy: trustProxyOption(options.trustProxy) }),
  });
  // Every route takes JSON or, for bounces, message/rfc822: a text/plain body is a client's mistake (415).
  app.removeContentTypeParser('text/plain');
  for (const schema of [...SHARED_SCHEMAS, ...UNBLOCK_SCHEMAS]) app.addSchema(schema);
  app.setErrorHandler(errorHandler);
  app.setNotFoundHandler(notFoundHandler);
  // Before auth: a request refused during shutdown costs no key lookup.
  registerDrain(app);
  registerAuth(app, deps.service, deps.access);
  await registerOpenApi(app, options.version ?? '0.0.0');
  await app.register(healthRoutes, { checkStore: deps.checkStore });
  for (const routes of ROUTES) await app.register(routes, { service: deps.service });
  await app.register(webhookRoutes, { service: deps.service, webhooks: deps.webhooks });
  await app.register(messageRoutes, { service: deps.service, outbox: deps.outbox ?? (() => undefined) });
  if (deps.captureSettings !== undefined) {
    await app.register(captureSettingsRoutes, { captureSettings: deps.captureSettings });
  }
  if (deps.unblockRequests !== undefined)
    await app.register(unblockRequestRoutes, { requests: deps.unblockRequests });
  if (deps.access !== undefined)
    for (const routes of ACCESS_ROUTES) await app.register(routes, { access: deps.access });
  if (deps.webRoot !== undefined) await registerDashboard(app, deps.webRoot);
  if (deps.incidents !== undefined) await app.register(incidentRoutes, deps.incidents);
  const { guard } = deps;
  if (guard !== undefined) {
    for (const routes of [alertRoutes, pauseRoutes, webhookSubscriptionRoutes])
      await app.register(routes, { guard });
  }
  await app.ready();
  return app;
}

/** A hop count as the function Fastify's types take (the first `hops` proxies are believed). */
function trustProxyOption(trust: TrustProxy): string[] | ((address: string, hop: number) => boolean) {
  return typeof trust === 'number' ? (_address, hop) => hop < trust : trust;
}
