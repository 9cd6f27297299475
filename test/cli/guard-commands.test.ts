/** `rebound pause`, `pauses`, `resume`, `alerts` on a local database, through the real bin. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

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
