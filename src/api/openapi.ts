/**
 * The OpenAPI document (from the route schemas) and its UI at /docs. Every route but the public ones
 * is marked as needing the bearer key, from the same `access` config the auth hook reads.
 */
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';

export async function registerOpenApi(app: FastifyInstance, version: string): Promise<void> {
  app.addHook('onRoute', (route) => {
    if (route.config?.access === 'public' || route.schema === undefined) return;
    route.schema = { ...route.schema, security: [{ bearer: [] }] };
  });
  await app.register(swagger, {
    openapi: {
      info: {
        title: 'Rebound',
        version,
        description:
          'Reads bounces, keeps each address active, soft or blocked under the CRM rules, and answers the ' +
          'send gate. Errors are RFC 9457 problem details.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' } } },
    },
    // Shared schemas appear under their own names (Problem, Verdict, ...) rather than def-0, def-1.
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => String(json.$id ?? `def-${i}`) },
  });
  // The UI is public (it holds no data); its routes get the public access flag in their own context.
  await app.register(async (docs) => {
    docs.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    await docs.register(swaggerUi, { routePrefix: '/docs' });
  });
}
