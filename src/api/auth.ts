/**
 * `Authorization: Bearer KEY` on every route but the public ones, or the dashboard's session cookie
 * (src/access). Runs on request, before the body is read, so an unknown caller cannot make the server
 * parse 10 MB. Each route says what it needs in its config (`access`); a route that says nothing needs
 * a key of any role. A change made with the cookie must carry the session's CSRF token in a header
 * and, when the browser sends Origin, come from this host: another site's page cannot act for the user.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReboundError } from '../errors.js';
import type { ResolvedSession } from '../access/access-service.js';
import { CSRF_HEADER, sessionTokenOf } from '../access/session-cookie.js';
import type { Principal, ReboundService } from '../service/types.js';

export type Access = 'public' | 'user' | 'admin';

declare module 'fastify' {
  interface FastifyContextConfig {
    access?: Access;
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

/** The caller's principal; only null on a public route, where handlers do not ask. */
export function principalOf(request: FastifyRequest): Principal {
  if (request.principal === null) throw new ReboundError('unauthorized');
  return request.principal;
}

/** Who did an admin action, for the audit trail: the key id, never the secret. */
export function actorOf(principal: Principal): string {
  return principal.userId === undefined ? `key:${principal.keyId}` : `user:${principal.userId}`;
}

const BEARER = /^Bearer +(\S+) *$/i;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Turns a session cookie's token into its principal; absent when the API runs without the dashboard. */
export interface SessionResolver {
  resolve(token: string): Promise<ResolvedSession | undefined>;
}

export function registerAuth(
  app: FastifyInstance,
  service: Pick<ReboundService, 'authenticate'>,
  sessions?: SessionResolver,
): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access ?? 'user';
    // Unknown routes have no config: let them reach the 404 handler without a key.
    if (access === 'public' || request.routeOptions.url === undefined) return;
    const header = request.headers.authorization;
    const secret = header === undefined ? undefined : BEARER.exec(header)?.[1];
    const token = sessionTokenOf(request.headers.cookie);
    if (secret === undefined && token !== undefined && sessions !== undefined) {
      request.principal = await sessionPrincipal(request, sessions, token);
    } else {
      request.principal = await keyPrincipal(reply, service, secret);
    }
    if (access === 'admin' && request.principal.role !== 'admin') {
      throw new ReboundError('forbidden', 'This route needs an admin key');
    }
  });
}

async function keyPrincipal(
  reply: FastifyReply,
  service: Pick<ReboundService, 'authenticate'>,
  secret: string | undefined,
): Promise<Principal> {
  if (secret === undefined) {
    reply.header('WWW-Authenticate', 'Bearer');
    throw new ReboundError('unauthorized', 'Send the API key as "Authorization: Bearer KEY"');
  }
  const principal = await service.authenticate(secret);
  if (principal === undefined) {
    reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
    throw new ReboundError('unauthorized', 'This API key is unknown or revoked');
  }
  return principal;
}

async function sessionPrincipal(
  request: FastifyRequest,
  sessions: SessionResolver,
  token: string,
): Promise<Principal> {
  const session = await sessions.resolve(token);
  if (session === undefined) throw new ReboundError('unauthorized', 'The session has expired: log in again');
  if (!SAFE_METHODS.has(request.method)) {
    const origin = request.headers.origin;
    if (origin !== undefined && hostOf(origin) !== hostOf(`${request.protocol}://${request.host}`)) {
      throw new ReboundError('forbidden', `A change from another site (${origin}) is refused`);
    }
    if (request.headers[CSRF_HEADER] !== session.csrfToken) {
      throw new ReboundError(
        'forbidden',
        `A change made with the session cookie needs the ${CSRF_HEADER} header`,
      );
    }
  }
  return session.principal;
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host;
  } catch {
    return undefined;
  }
}
