/**
 * The bundled bin (dist/src/cli/rebound.js, package.json's `bin`, built by scripts/bundle-cli.ts) does
 * what tsc's dist/src/cli/main.js does, which the other CLI tests run.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

const CLI_DIR = fileURLToPath(new URL('../../src/cli/', import.meta.url));
const TSC_BIN = join(CLI_DIR, 'main.js');
const BUNDLED_BIN = join(CLI_DIR, 'rebound.js');

const DSN = `From: MAILER-DAEMON@mx.example.com
To: sender@example.com
Subject: Undelivered Mail Returned to Sender
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B"

--B
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com

Final-Recipient: rfc822; gone@example.org
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 User unknown

--B--
`;
const NOT_A_BOUNCE = 'From: a@example.com\nTo: b@example.com\nSubject: hi\n\nJust a note.\n';

let root: string;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'rebound-bundle-'));
  // More than one batch of `--threads`, so that the worker thread (a bundle entry of its own) works.
  for (let i = 0; i < 100; i++)
    writeFileSync(join(root, `${String(i).padStart(3, '0')}.eml`), i % 4 ? DSN : NOT_A_BOUNCE);
});

after(() => rmSync(root, { recursive: true, force: true }));

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
  const missing = join(root, 'missing.eml');
  for (const args of [
    ['classify', root, missing],
    ['classify', '--threads', '2', root, missing],
  ]) {
    const expected = run(TSC_BIN, args);
    assert.equal(expected.status, 1, 'the missing path is an error');
    assert.equal(expected.stdout.split('\n').length, 101);
    assert.deepEqual(run(BUNDLED_BIN, args), expected, args.join(' '));
  }
});

test('the bundled bin runs the other commands from the tsc build', () => {
  for (const args of [['--version'], ['--help'], ['check', '--help'], ['no-such-command']]) {
    assert.deepEqual(run(BUNDLED_BIN, args), run(TSC_BIN, args), args.join(' '));
  }
});
