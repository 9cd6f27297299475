/**
 * The bundled bin (dist/src/cli/rebound.js, package.json's `bin`, built by scripts/bundle-cli.ts) does
 * what tsc's dist/src/cli/main.js does, which the other CLI tests run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';

const CLI_DIR = fileURLToPath(new URL('../../src/cli/', import.meta.url));
const TSC_BIN = join(CLI_DIR, 'main.js');
const BUNDLED_BIN = join(CLI_DIR, 'rebound.js');

/** The project's own bounces (67 files): more than two batches, so that the worker threads work too. */
const FIXTURES = fileURLToPath(new URL('../../../test/fixtures/', import.meta.url));

function run(bin: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const { status, stdout, stderr } = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8' });
  return { status, stdout, stderr };
}

test('the bundle is no older than the tsc build it was made from', () => {
  const newest = Math.max(
    ...readdirSync(CLI_DIR)
      .filter((name) => name.endsWith('.js') && !name.startsWith('rebound'))
      .map((name) => statSync(join(CLI_DIR, name)).mtimeMs),
  );
  assert.ok(statSync(BUNDLED_BIN).mtimeMs >= newest, 'stale bundle: run npm run build');
});

test('the bundled bin classifies as the tsc build does, on one thread and on two', () => {
  const missing = join(FIXTURES, 'missing.eml');
  for (const args of [
    ['classify', FIXTURES, missing],
    ['classify', '--threads', '2', FIXTURES, missing],
  ]) {
    const expected = run(TSC_BIN, args);
    assert.equal(expected.status, 1, 'the missing path is an error');
    assert.ok(expected.stdout.split('\n').length > 64, 'a line per fixture');
    assert.deepEqual(run(BUNDLED_BIN, args), expected, args.join(' '));
  }
});

test('the bundled bin runs the other commands from the tsc build', () => {
  for (const args of [['--version'], ['--help'], ['check', '--help'], ['no-such-command']]) {
    assert.deepEqual(run(BUNDLED_BIN, args), run(TSC_BIN, args), args.join(' '));
  }
});
