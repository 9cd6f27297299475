/** The account's people, who log in to the dashboard with an email and password (admin-managed). */
import type { FastifyPluginAsync } from 'fastify';
import type { NewUser } from '../../access/access-service.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../access/password.js';
import { principalOf } from '../auth.js';
import { MAX_ADDRESS_LENGTH, problem, problemResponses } from '../schemas.js';
import type { AccessRouteDeps } from './session.js';

const ROLES = ['admin', 'user'] as const;

const userView = {
  type: 'object',
  required: ['id', 'email', 'name', 'role', 'createdAt', 'explanation'],
  properties: {
    id: { type: 'string' },
    email: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    createdAt: { type: 'string' },
    explanation: { type: 'string' },
  },
} as const;

const admin = { access: 'admin' } as const;
const adminProblems = { 403: problem, ...problemResponses } as const;

export const userRoutes: FastifyPluginAsync<AccessRouteDeps> = async (app, { access }) => {
  app.get(
    '/v1/users',
    {
      config: admin,
      schema: {
        summary: "The account's people (admin); password hashes never leave the server",
        tags: ['users'],
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: userView } },
          },
          ...adminProblems,
        },
      },
    },
    async (request) => ({ items: await access.listUsers(principalOf(request).accountId) }),
  );

  app.post<{ Body: NewUser }>(
    '/v1/users',
    {
      config: admin,
      schema: {
        summary: 'Give a person a dashboard login (admin)',
        description: `The password has ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters and is stored as a scrypt hash. An email has one login across accounts (409 when taken).`,
        tags: ['users'],
        body: {
          type: 'object',
          required: ['email', 'name', 'role', 'password'],
          additionalProperties: false,
          properties: {
            email: { type: 'string', format: 'email', maxLength: MAX_ADDRESS_LENGTH },
            name: { type: 'string', minLength: 1, maxLength: 200 },
            role: { type: 'string', enum: ROLES },
            password: { type: 'string', minLength: MIN_PASSWORD_LENGTH, maxLength: MAX_PASSWORD_LENGTH },
          },
        },
        response: { 201: userView, 409: problem, ...adminProblems },
      },
    },
    async (request, reply) =>
      reply.code(201).send(await access.createUser(principalOf(request).accountId, request.body)),
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/users/:id',
    {
      config: admin,
      schema: {
        summary: 'Remove a person (admin): their sessions end at once',
        tags: ['users'],
        params: {
          type: 'object',
          required: ['id'],
          properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
        },
        response: { 204: { type: 'null' }, ...adminProblems },
      },
    },
    async (request, reply) => {
      await access.deleteUser(principalOf(request).accountId, request.params.id);
      return reply.code(204).send();
    },
  );
};
