/**
 * The dashboard's files (web/, built by `npm run build` into dist/web) at `/`, on the API's port. They
 * are public: the page holds no data, it asks the API for it with the session cookie. Routing inside
 * the page uses the URL's fragment (#/bounces), so the server only ever serves index.html and assets.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** Content Security Policy: the page loads only its own scripts, styles and API. */
const CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

export async function registerDashboard(app: FastifyInstance, root: string): Promise<void> {
  if (!existsSync(join(root, 'index.html'))) {
    app.log.warn({ root }, 'dashboard: no built files (run npm run build): / is not served');
    return;
  }
  await app.register(async (web) => {
    web.addHook('onRoute', (route) => {
      route.config = { ...route.config, access: 'public' };
    });
    web.addHook('onSend', async (_request, reply) => {
      reply.header('content-security-policy', CSP);
      reply.header('x-content-type-options', 'nosniff');
      reply.header('referrer-policy', 'same-origin');
    });
    await web.register(fastifyStatic, {
      root,
      prefix: '/',
      // Hashed asset names change with their content: cache them for a year; index.html never.
      // The plugin's own Cache-Control (max-age=0) would be written over ours: it is turned off.
      cacheControl: false,
      setHeaders: (res, path) => {
        res.setHeader(
          'cache-control',
          path.endsWith('.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
        );
      },
    });
  });
}
