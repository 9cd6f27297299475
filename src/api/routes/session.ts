/**
 * The dashboard's login: POST /v1/session with an email and password or an API key sets the session
 * cookie; GET says who is logged in (and hands the page its CSRF token again after a reload); DELETE
 * logs out. The login body is JSON only: a cross-site form cannot post JSON, so no other site can log
 * a browser in behind its user's back.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_HOURS, type AccessService, type Credentials } from '../../access/access-service.js';
import { clearedSessionCookie, sessionCookie, sessionTokenOf } from '../../access/session-cookie.js';
import { LoginLimiter, type LoginAttempt } from '../../access/login-limiter.js';
import { MAX_PASSWORD_LENGTH } from '../../access/password.js';
import { isReboundError, ReboundError } from '../../errors.js';
import { PROBLEM_CONTENT_TYPE, problemOf } from '../problems.js';
import { MAX_ADDRESS_LENGTH, problem, problemResponses } from '../schemas.js';

export interface AccessRouteDeps {
  access: AccessService;
  /** Counts failed logins; by default one per app, with LOGIN_LIMITS. */
  loginLimiter?: LoginLimiter;
}

const sessionView = {
  type: 'object',
  required: ['accountId', 'role', 'name', 'via', 'expiresAt', 'csrfToken'],
  properties: {
    accountId: { type: 'string' },
    role: { type: 'string', enum: ['admin', 'user'] },
    name: { type: 'string', description: "The person's email, or the API key's name" },
    via: { type: 'string', enum: ['password', 'key'] },
    expiresAt: { type: 'string' },
    csrfToken: { type: 'string', description: 'Send it back as the x-csrf-token header on every change' },
  },
} as const;

/** One object rather than oneOf: Fastify strips unknown fields before oneOf is judged, which would
 * accept a body with both forms. The handler insists on exactly one. */
const loginBody = {
  type: 'object',
  additionalProperties: false,
  properties: {
    email: { type: 'string', minLength: 3, maxLength: MAX_ADDRESS_LENGTH },
    password: { type: 'string', minLength: 1, maxLength: MAX_PASSWORD_LENGTH },
    key: { type: 'string', minLength: 1, maxLength: 200 },
  },
} as const;

interface LoginBody {
  email?: string;
  password?: string;
  key?: string;
}

function credentialsOf({ email, password, key }: LoginBody): Credentials {
  if (key !== undefined && email === undefined && password === undefined) return { key };
  if (key === undefined && email !== undefined && password !== undefined) return { email, password };
  throw new ReboundError('invalid_request', 'Log in with either {email, password} or {key}');
}

export const sessionRoutes: FastifyPluginAsync<AccessRouteDeps> = async (
  app,
  { access, loginLimiter = new LoginLimiter() },
) => {
  app.post<{ Body: LoginBody }>(
    '/v1/session',
    {
      config: { access: 'public' },
      schema: {
        summary: 'Log in to the dashboard: sets an HttpOnly session cookie',
        description: `With {email, password} (a person made by POST /v1/users) or {key} (an API key). The session lasts ${SESSION_HOURS} hours.`,
        tags: ['session'],
        body: loginBody,
        response: { 201: sessionView, 429: problem, ...problemResponses },
      },
    },
    async (request, reply) => {
      const credentials = credentialsOf(request.body);
      const attempt: LoginAttempt =
        'email' in credentials ? { ip: request.ip, email: credentials.email } : { ip: request.ip };
      const wait = loginLimiter.retryAfter(attempt);
      if (wait > 0) {
        return reply
          .code(429)
          .header('retry-after', String(wait))
          .type(PROBLEM_CONTENT_TYPE)
          .send(problemOf('too_many_requests', `Too many failed logins: try again in ${wait} seconds`));
      }
      const { token, session } = await access.login(credentials).catch((error: unknown) => {
        if (isReboundError(error) && error.code === 'unauthorized') loginLimiter.failed(attempt);
        throw error;
      });
      loginLimiter.succeeded(attempt);
      const cookie = sessionCookie(token, {
        maxAgeSeconds: SESSION_HOURS * 3600,
        secure: request.protocol === 'https',
      });
      return reply.code(201).header('set-cookie', cookie).send(session);
    },
  );

  app.get(
    '/v1/session',
    {
      schema: {
        summary: 'Who is logged in with this session cookie',
        tags: ['session'],
        response: { 200: sessionView, ...problemResponses },
      },
    },
    async (request) => {
      const session = await access.describe(cookieToken(request));
      if (session === undefined)
        throw new ReboundError('unauthorized', 'The session has expired: log in again');
      return session;
    },
  );

  app.delete(
    '/v1/session',
    {
      // Public: logging out must work with an expired session too, and ending a session harms no one.
      config: { access: 'public' },
      schema: {
        summary: 'Log out: ends the session and clears the cookie',
        tags: ['session'],
        response: { 204: { type: 'null' } },
      },
    },
    async (request, reply: FastifyReply) => {
      const token = sessionTokenOf(request.headers.cookie);
      if (token !== undefined) await access.logout(token);
      return reply.code(204).header('set-cookie', clearedSessionCookie()).send();
    },
  );
};

function cookieToken(request: FastifyRequest): string {
  const token = sessionTokenOf(request.headers.cookie);
  if (token === undefined)
    throw new ReboundError('unauthorized', 'No session cookie: log in with POST /v1/session');
  return token;
}
