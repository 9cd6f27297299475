/** `rebound incidents` and `rebound blocklist-check` on a local database, as a child process. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, test } from 'node:test';
import { dsn, SPAMHAUS } from '../support/http-mails.js';

const BIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'rebound-incidents-'));
const env = { ...process.env, REBOUND_DB: join(dir, 'rebound.db'), DATABASE_URL: '' };

after(() => rmSync(dir, { recursive: true, force: true }));

function rebound(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const run = spawnSync(process.execPath, [BIN, ...args], { env, encoding: 'utf8' });
  return { status: run.status, stdout: run.stdout, stderr: run.stderr };
}

test('an import of Spamhaus rejections opens an incident the CLI lists, shows and resolves', () => {
  const mails = join(dir, 'mails');
  rmSync(mails, { recursive: true, force: true });
  spawnSync('mkdir', ['-p', mails]);
  for (const n of [1, 2, 3]) {
    writeFileSync(
      join(mails, `${n}.eml`),
      dsn({ recipient: `u${n}@bigmail.example`, ...SPAMHAUS, id: `c${n}` }),
    );
  }
  assert.equal(rebound('import', mails).status, 0);

  const listed = rebound('incidents', '--json');
  assert.equal(listed.status, 0, listed.stderr);
  const [incident] = listed.stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line));
  assert.equal(incident.receivingDomain, 'bigmail.example');
  assert.equal(incident.rejections, 3);

  const table = rebound('incidents', '--state', 'open');
  assert.match(table.stdout, /^id\s+state\s+sender/);
  assert.match(table.stdout, /192\.0\.2\.9\s+bigmail\.example\s+Spamhaus\s+3/);

  const shown = rebound('incidents', 'show', incident.id);
  assert.deepEqual(JSON.parse(shown.stdout).recipients, [
    'u1@bigmail.example',
    'u2@bigmail.example',
    'u3@bigmail.example',
  ]);

  const resolved = rebound('incidents', 'resolve', incident.id, '--note', 'delisted');
  assert.equal(JSON.parse(resolved.stdout).state, 'closed');
  const again = rebound('incidents', 'resolve', incident.id, '--note', 'delisted');
  assert.equal(again.status, 1);
  assert.match(again.stderr, /already closed/);
});

test('usage errors and an empty check are one clear line', () => {
  assert.equal(rebound('incidents', 'resolve', '1').status, 2);
  assert.match(rebound('incidents', 'resolve', '1').stderr, /needs --note/);
  assert.equal(rebound('incidents', '--state', 'gone').status, 2);
  assert.match(rebound('incidents', 'show', '999').stderr, /no incident 999/);
  const check = rebound('blocklist-check');
  assert.equal(check.status, 0);
  assert.match(check.stderr, /nothing to check: set sendingIps or sendingDomains/);
});
