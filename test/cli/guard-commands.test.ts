/** The guard commands (pause, pauses, resume, alerts, alert-settings, webhooks) through the real bin. */
import assert from 'node:assert/strict';
import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { loadConfig } from '../../src/config.js';
import { startServer } from '../../src/server.js';

const BIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const execFileAsync = promisify(execFile);

test('pause, list, resume and alerts from the command line', (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-cli-guard-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env, REBOUND_DB: join(dir, 'r.db'), DATABASE_URL: '' };
  const run = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });

  const paused = run('pause', '--campaign', 'spring', '--note', 'list under review');
  assert.equal(paused.status, 0, paused.stderr);
  assert.match(
    paused.stdout,
    /^paused \(1\): Sending for campaign 'spring' is paused by cli: list under review\./,
  );
  assert.equal(
    run('pause', '--campaign', 'spring', '--note', 'twice').status,
    1,
    'one active pause per scope',
  );
  const usage = run('pause', '--account', '--domain', 'a.example', '--note', 'x');
  assert.equal(usage.status, 2);
  assert.match(usage.stderr, /give one of --account, --campaign NAME, --domain DOMAIN/);

  const listed = run('pauses', '--json');
  assert.deepEqual(
    listed.stdout
      .trim()
      .split('\n')
      .map((l) => (JSON.parse(l) as { scope: unknown }).scope),
    [{ kind: 'campaign', campaign: 'spring' }],
  );
  const resumed = run('resume', '1', '--note', 'reviewed');
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.match(run('pauses', '--state', 'active').stdout, /^ID +STATE +SCOPE +BY +SINCE +NOTE\n$/);
  assert.match(run('alerts', '--state', 'open').stdout, /^ID +STATE +LEVEL +METRIC +SCOPE +RATE +OPENED\n$/);
});

test('alert settings and webhook subscriptions from the command line, locally and against a server', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-cli-webhooks-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const env = { ...process.env, REBOUND_DB: join(dir, 'r.db'), DATABASE_URL: '' };
  const run = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await execFileAsync(process.execPath, [BIN, ...args], { env });
      return { status: 0, stdout, stderr };
    } catch (error) {
      const e = error as { code: number; stdout: string; stderr: string };
      return { status: e.code, stdout: e.stdout, stderr: e.stderr };
    }
  };

  // Locally: read the defaults, change one threshold, refuse what is not JSON or not valid.
  assert.equal((JSON.parse((await run('alert-settings')).stdout) as { bounceWarn: number }).bounceWarn, 0.05);
  const changed = await run('alert-settings', '--set', '{"bounceWarn": 0.04}');
  assert.equal(changed.status, 0, changed.stderr);
  assert.equal((JSON.parse(changed.stdout) as { bounceWarn: number }).bounceWarn, 0.04);
  assert.equal((await run('alert-settings', '--set', 'warn=4%')).status, 2);
  const invalid = await run('alert-settings', '--set', '{"bounceWarn": 0.5, "bounceCritical": 0.1}');
  assert.equal(invalid.status, 1);
  assert.match(invalid.stderr, /bounceWarn must be below bounceCritical/);

  const added = await run('webhooks', 'add', 'http://127.0.0.1:9/hook', '--events', 'address.blocked');
  assert.equal(added.status, 0, added.stderr);
  assert.match(
    added.stdout,
    /^subscribed \(1\) http:\/\/127\.0\.0\.1:9\/hook\nsecret \(shown once.*\): \S+\n$/,
  );
  const listed = (await run('webhooks', '--json')).stdout.trim().split('\n');
  assert.deepEqual(
    listed.map((l) => (JSON.parse(l) as { eventTypes: string[] }).eventTypes),
    [['address.blocked']],
  );
  assert.doesNotMatch(listed[0] ?? '', /secret/, 'the secret is shown once, at creation');
  assert.match((await run('webhooks', 'deliveries', '1')).stdout, /^ID +EVENT +STATE +ATTEMPTS +CODE/);
  assert.equal((await run('webhooks', 'remove', '1')).status, 0);
  assert.equal((await run('webhooks', 'remove', '1')).status, 1, 'an unknown subscription is an error');
  assert.equal((await run('webhooks', 'frobnicate')).status, 2);

  // Against a server: the same commands through the API (a deletion answers 204, no body).
  const key = 'rb_admin_cli_webhooks_test_key_0123456789';
  const server = await startServer(
    loadConfig({
      REBOUND_DB: join(dir, 'server.db'),
      PORT: '0',
      REBOUND_ADMIN_KEY: key,
      LOG_LEVEL: 'silent',
    }),
  );
  t.after(() => server.close());
  const remote = ['--server', server.url, '--key', key];
  const created = await run('webhooks', 'add', 'http://127.0.0.1:9/other', '--json', ...remote);
  assert.equal(created.status, 0, created.stderr);
  const { id, secret } = JSON.parse(created.stdout) as { id: string; secret: string };
  assert.ok(secret.length > 20);
  assert.match((await run('webhooks', ...remote)).stdout, /http:\/\/127\.0\.0\.1:9\/other/);
  const removed = await run('webhooks', 'remove', id, ...remote);
  assert.equal(removed.status, 0, removed.stderr);
  assert.equal((await run('webhooks', '--json', ...remote)).stdout, '');
  const remoteSettings = await run('alert-settings', '--set', '{"minSends": 100}', ...remote);
  assert.equal(remoteSettings.status, 0, remoteSettings.stderr);
  assert.equal((JSON.parse(remoteSettings.stdout) as { minSends: number }).minSends, 100);
});
