/** `rebound serve` as a real child process on a free port, and the CLI commands against it and locally. */
import assert from 'node:assert/strict';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { dsn, HARD, SOFT } from '../support/http-mails.js';

const BIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

let root: string;
let env: NodeJS.ProcessEnv;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'rebound-serve-'));
  env = {
    ...process.env,
    PORT: '0',
    HOST: '127.0.0.1',
    REBOUND_DB: join(root, 'rebound.db'),
    DATABASE_URL: '',
  };
  delete env.REBOUND_ADMIN_KEY;
  delete env.REBOUND_API_KEY;
  const maildir = join(root, 'Maildir', 'new');
  mkdirSync(maildir, { recursive: true });
  writeFileSync(join(maildir, '1.eml'), dsn({ recipient: 'gone@example.org', ...HARD, id: 'm1' }));
  writeFileSync(join(maildir, '2.eml'), dsn({ recipient: 'full@example.org', ...SOFT, id: 'm2' }));
  writeFileSync(join(maildir, '3.eml'), dsn({ recipient: 'gone@example.org', ...HARD, id: 'm1' }));
});

after(() => rmSync(root, { recursive: true, force: true }));

interface Running {
  child: ChildProcess;
  url: string;
  stderr: () => string;
  exited: Promise<number | null>;
}

/** Starts the server and resolves once its log says where it listens. */
function serve(extraEnv: NodeJS.ProcessEnv = {}): Promise<Running> {
  const child = spawn(process.execPath, [BIN, 'serve'], { env: { ...env, ...extraEnv }, stdio: 'pipe' });
  let out = '';
  let err = '';
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /"Server listening at (http:\/\/127\.0\.0\.1:\d+)"/.exec(out);
      if (match?.[1] !== undefined) resolve({ child, url: match[1], stderr: () => err, exited });
    });
    void exited.then((code) => reject(new Error(`serve exited with ${code}: ${err}`)));
  });
}

function cli(args: string[], extraEnv: NodeJS.ProcessEnv = {}) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { ...env, ...extraEnv }, encoding: 'utf8' });
}

/** The key is printed right after the listening line: give the pipe a moment. */
async function printedKey(server: Running): Promise<string> {
  for (let i = 0; i < 50; i++) {
    const key = /\n {2}(rb_\S+)\n/.exec(server.stderr())?.[1];
    if (key !== undefined) return key;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error(`no admin key on stderr: ${server.stderr()}`);
}

test('serve: prints the first admin key once, answers /health, stops with 0 on SIGTERM', async (t) => {
  const server = await serve();
  t.after(() => server.child.kill('SIGKILL'));
  const key = await printedKey(server);
  const health = await fetch(`${server.url}/health`);
  assert.deepEqual([health.status, await health.json()], [200, { status: 'ok' }]);
  const unauthorised = await fetch(`${server.url}/v1/addresses`);
  assert.equal(unauthorised.status, 401);
  const imported = cli(['import', '--server', server.url, '--key', key, join(root, 'Maildir')]);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /mails read\s+3/);
  assert.match(imported.stdout, /duplicates\s+1/);
  assert.match(imported.stdout, /addresses blocked\s+1/);
  const checked = cli(['check', '--server', server.url, '--key', key, 'gone@example.org', 'new@example.org']);
  assert.equal(checked.status, 3, checked.stderr);
  assert.match(checked.stdout, /gone@example\.org\s+no\s+blocked\s+userunknown/);
  assert.match(checked.stdout, /new@example\.org\s+yes\s+active/);
  const wrongKey = cli(['check', '--server', server.url, '--key', 'rb_wrong', 'a@example.org']);
  assert.equal(wrongKey.status, 1);
  assert.match(wrongKey.stderr, /^rebound: Missing or unknown API key: /);
  // A request in flight when SIGTERM comes still gets its whole answer.
  const recipients = Array.from({ length: 50_000 }, (_, i) => `user${i}@example.org`);
  const inFlight = fetch(`${server.url}/v1/check`, {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, 'content-type': 'application/json' },
    body: JSON.stringify({ recipients }),
  });
  await new Promise((resolve) => setTimeout(resolve, 30));
  server.child.kill('SIGTERM');
  const answer = await inFlight;
  assert.equal(answer.status, 200);
  assert.equal(((await answer.json()) as { results: unknown[] }).results.length, 50_000);
  assert.equal(await server.exited, 0);
});

test('serve: a restart keeps the data and prints no new key', async (t) => {
  const server = await serve();
  t.after(() => server.child.kill('SIGKILL'));
  await new Promise((resolve) => setTimeout(resolve, 200));
  assert.doesNotMatch(server.stderr(), /rb_/);
  server.child.kill('SIGINT');
  assert.equal(await server.exited, 0);
  // The CLI reads the same database directly once the server is gone.
  const blocked = cli(['addresses', '--state', 'blocked']);
  assert.equal(blocked.status, 0, blocked.stderr);
  assert.match(blocked.stdout, /gone@example\.org\s+blocked\s+\d+\s+userunknown/);
  assert.doesNotMatch(blocked.stdout, /full@example\.org/);
  const json = cli(['addresses', '--json', '--domain', 'example.org']);
  assert.equal(json.stdout.trim().split('\n').length, 2);
});

test('import and check work on the local database', () => {
  const localEnv = { REBOUND_DB: join(root, 'local.db') };
  const imported = cli(['import', join(root, 'Maildir')], localEnv);
  assert.equal(imported.status, 0, imported.stderr);
  assert.match(imported.stdout, /bounces\s+2/);
  assert.match(imported.stdout, /userunknown\s+hard\s+1/);
  const again = cli(['import', join(root, 'Maildir')], localEnv);
  assert.match(again.stdout, /duplicates\s+3/);
  const checked = cli(['check', 'full@example.org'], localEnv);
  assert.equal(checked.status, 0, checked.stderr);
  assert.match(checked.stdout, /full@example\.org\s+yes\s+soft\s+mailboxfull/);
});

test('bad command lines and settings get one clear line', () => {
  assert.equal(cli(['check']).status, 2);
  assert.equal(cli(['check', '--key', 'x', 'a@example.org']).status, 2);
  assert.equal(cli(['addresses', '--state', 'gone']).status, 2);
  const badAddress = cli(['check', 'not-an-address'], { REBOUND_DB: join(root, 'local.db') });
  assert.equal(badAddress.status, 1);
  assert.match(badAddress.stderr, /^rebound: .*"not-an-address" is not an email address/);
  const badPort = cli(['serve'], { PORT: 'eighty' });
  assert.equal(badPort.status, 1);
  assert.equal(
    badPort.stderr,
    "rebound: cannot start: PORT must be a number from 0 to 65535, got 'eighty'\n",
  );
  // Nothing listens on port 9 of the loopback: an unreachable PostgreSQL is named, not an unexpected error.
  const noDatabase = cli(['check', 'a@example.org'], { DATABASE_URL: 'postgres://rebound@127.0.0.1:9/none' });
  assert.equal(noDatabase.status, 1);
  assert.equal(noDatabase.stderr, 'rebound: PostgreSQL is unreachable (connect ECONNREFUSED 127.0.0.1:9)\n');
  const down = cli(['check', '--server', 'http://127.0.0.1:9', '--key', 'k', 'a@example.org']);
  assert.equal(down.status, 1);
  assert.match(down.stderr, /^rebound: cannot reach http:\/\/127\.0\.0\.1:9/);
});
