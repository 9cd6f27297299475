/** API keys, managed by admins: list (never the secrets), make one (its secret shown once), revoke. */
import type { FastifyPluginAsync } from 'fastify';
import type { Role } from '../../service/types.js';
import { principalOf } from '../auth.js';
import { problem, problemResponses } from '../schemas.js';
import type { AccessRouteDeps } from './session.js';

const ROLES = ['admin', 'user'] as const;

export const keyViewSchema = {
  type: 'object',
  required: ['id', 'name', 'role', 'createdAt', 'revokedAt', 'explanation'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    role: { type: 'string', enum: ROLES },
    createdAt: { type: 'string' },
    revokedAt: { type: ['string', 'null'] },
    explanation: { type: 'string' },
  },
} as const;

const idParam = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', minLength: 1, maxLength: 100 } },
} as const;

const admin = { access: 'admin' } as const;
const adminProblems = { 403: problem, ...problemResponses } as const;

export const keyRoutes: FastifyPluginAsync<AccessRouteDeps> = async (app, { access }) => {
  app.get(
    '/v1/keys',
    {
      config: admin,
      schema: {
        summary: "The account's API keys, revoked ones included (admin)",
        tags: ['keys'],
        response: {
          200: {
            type: 'object',
            required: ['items'],
            properties: { items: { type: 'array', items: keyViewSchema } },
          },
          ...adminProblems,
        },
      },
    },
    async (request) => ({ items: await access.listKeys(principalOf(request).accountId) }),
  );

  app.post<{ Body: { name: string; role: Role } }>(
    '/v1/keys',
    {
      config: admin,
      schema: {
        summary: 'Make an API key (admin): the secret is in this answer only',
        tags: ['keys'],
        body: {
          type: 'object',
          required: ['name', 'role'],
          additionalProperties: false,
          properties: {
            name: { type: 'string', minLength: 1, maxLength: 200 },
            role: { type: 'string', enum: ROLES },
          },
        },
        response: {
          201: {
            ...keyViewSchema,
            required: [...keyViewSchema.required, 'secret'],
            properties: { ...keyViewSchema.properties, secret: { type: 'string' } },
          },
          ...adminProblems,
        },
      },
    },
    async (request, reply) => {
      const key = await access.createKey(
        principalOf(request).accountId,
        request.body.role,
        request.body.name,
      );
      return reply.code(201).send(key);
    },
  );

  app.delete<{ Params: { id: string } }>(
    '/v1/keys/:id',
    {
      config: admin,
      schema: {
        summary: 'Revoke an API key (admin); its dashboard sessions end too',
        description: 'The last admin key cannot be revoked (409): make another one first.',
        tags: ['keys'],
        params: idParam,
        response: { 200: keyViewSchema, 409: problem, ...adminProblems },
      },
    },
    async (request) => access.revokeKey(principalOf(request).accountId, request.params.id),
  );
};
