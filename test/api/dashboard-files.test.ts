/**
 * The dashboard's files as the API serves them: index.html never cached, hashed assets cached for a
 * year, the security headers on both, and nothing at all when the files are not built.
 */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import Fastify, { type FastifyInstance } from 'fastify';
import { registerDashboard } from '../../src/api/dashboard.js';

/** An app serving a temporary web root (an asset, and index.html if asked), closed after the test. */
async function dashboardApp(t: TestContext, withIndex: boolean): Promise<FastifyInstance> {
  const root = mkdtempSync(join(tmpdir(), 'rebound-web-'));
  mkdirSync(join(root, 'assets'));
  if (withIndex) writeFileSync(join(root, 'index.html'), '<!doctype html><title>Rebound</title>');
  writeFileSync(join(root, 'assets', 'index-3f2a1b.js'), 'console.log(1);');
  const app = Fastify();
  t.after(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });
  await registerDashboard(app, root);
  return app;
}

test('index.html is never cached, a hashed asset for a year; both carry the security headers', async (t) => {
  const app = await dashboardApp(t, true);
  const page = await app.inject({ method: 'GET', url: '/' });
  assert.equal(page.statusCode, 200);
  assert.match(page.body, /<title>Rebound<\/title>/);
  assert.equal(page.headers['cache-control'], 'no-cache');
  const asset = await app.inject({ method: 'GET', url: '/assets/index-3f2a1b.js' });
  assert.equal(asset.statusCode, 200);
  assert.equal(asset.headers['cache-control'], 'public, max-age=31536000, immutable');
  for (const reply of [page, asset]) {
    assert.match(String(reply.headers['content-security-policy']), /default-src 'self'/);
    assert.equal(reply.headers['x-content-type-options'], 'nosniff');
  }
});

test('without a built index.html nothing is served at /', async (t) => {
  const app = await dashboardApp(t, false);
  assert.equal((await app.inject({ method: 'GET', url: '/assets/index-3f2a1b.js' })).statusCode, 404);
});
