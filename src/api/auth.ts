/**
 * `Authorization: Bearer KEY` on every route but the public ones. Runs on request, before the body is
 * read, so an unknown caller cannot make the server parse 10 MB. Each route says what it needs in its
 * config (`access`); a route that says nothing needs a key of any role.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ReboundError } from '../errors.js';
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
  return `key:${principal.keyId}`;
}

const BEARER = /^Bearer +(\S+) *$/i;

export function registerAuth(app: FastifyInstance, service: Pick<ReboundService, 'authenticate'>): void {
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const access = request.routeOptions.config.access ?? 'user';
    // Unknown routes have no config: let them reach the 404 handler without a key.
    if (access === 'public' || request.routeOptions.url === undefined) return;
    const header = request.headers.authorization;
    const secret = header === undefined ? undefined : BEARER.exec(header)?.[1];
    if (secret === undefined) {
      reply.header('WWW-Authenticate', 'Bearer');
      throw new ReboundError('unauthorized', 'Send the API key as "Authorization: Bearer KEY"');
    }
    const principal = await service.authenticate(secret);
    if (principal === undefined) {
      reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
      throw new ReboundError('unauthorized', 'This API key is unknown or revoked');
    }
    if (access === 'admin' && principal.role !== 'admin') {
      throw new ReboundError('forbidden', 'This route needs an admin key');
    }
    request.principal = principal;
  });
}
