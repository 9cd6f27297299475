/**
 * One process per spool: real child processes race for the lock, a lock left by a dead process is taken
 * over, a live one (or one from another host) stops the start with the owner named.
 */
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { test, type TestContext } from 'node:test';
import { promisify } from 'node:util';
import { Spool } from '../../../src/capture/relay/spool.js';
import { LOCK_FILE, SpoolLockedError } from '../../../src/capture/relay/spool-lock.js';

const run = promisify(execFile);
const SPOOL_MODULE = new URL('../../../src/capture/relay/spool.js', import.meta.url).href;

function spoolDir(t: TestContext): string {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-lock-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * A child process that opens the spool, prints "locked" or "refused", and marks its try in `barrier`
 * (when given); the holder keeps the lock until `expected` tries are marked (so a loaded machine cannot
 * let a slow starter find it free), else `holdMs`; then closes it.
 */
async function childOpens(
  dir: string,
  holdMs: number,
  barrier?: { dir: string; expected: number },
): Promise<string> {
  const script = `
    const { readdirSync, writeFileSync } = await import('node:fs');
    const { Spool } = await import(${JSON.stringify(SPOOL_MODULE)});
    const barrier = ${JSON.stringify(barrier ?? null)};
    const tried = () => barrier && writeFileSync(barrier.dir + '/' + process.pid, '');
    try {
      const spool = await Spool.open(${JSON.stringify(dir)});
      console.log('locked');
      tried();
      const until = Date.now() + (barrier ? 30000 : ${holdMs});
      while (Date.now() < until && (!barrier || readdirSync(barrier.dir).length < barrier.expected)) {
        await new Promise((r) => setTimeout(r, 20));
      }
      await spool.close();
    } catch (error) {
      console.log(error.name === 'SpoolLockedError' ? 'refused' : 'error ' + error.message);
      tried();
    }`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script]);
  return stdout.trim();
}

/** The pid of a process that has exited: its lock is stale. */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.once('exit', resolve));
  assert.ok(child.pid !== undefined);
  return child.pid;
}

test('two processes racing for one spool: exactly one gets it', async (t) => {
  const dir = spoolDir(t);
  const barrier = { dir: spoolDir(t), expected: 3 };
  const results = await Promise.all([1, 2, 3].map(() => childOpens(dir, 0, barrier)));
  assert.deepEqual(results.sort(), ['locked', 'refused', 'refused']);
  assert.equal(existsSync(join(dir, LOCK_FILE)), false, 'released on close');
});

test('a live relay holds the spool: another process is refused, naming the owner; after close it may', async (t) => {
  const dir = spoolDir(t);
  const spool = await Spool.open(dir);
  assert.equal(await childOpens(dir, 0), 'refused');
  await assert.rejects(Spool.open(dir), (error: Error) => {
    assert.ok(error instanceof SpoolLockedError);
    assert.match(error.message, new RegExp(`in use by process ${process.pid} on `));
    return true;
  });
  await spool.close();
  assert.equal(await childOpens(dir, 0), 'locked');
});

test('a lock left by a dead process (kill -9) is stale and taken over', async (t) => {
  const dir = spoolDir(t);
  const pid = await deadPid();
  writeFileSync(
    join(dir, LOCK_FILE),
    JSON.stringify({ pid, host: hostname(), since: '2025-01-01T00:00:00Z' }),
  );
  const spool = await Spool.open(dir);
  const owner = JSON.parse(readFileSync(join(dir, LOCK_FILE), 'utf8')) as { pid: number };
  assert.equal(owner.pid, process.pid);
  await spool.close();
});

test('a half-written lock is taken over; one from another host is not', async (t) => {
  const dir = spoolDir(t);
  writeFileSync(join(dir, LOCK_FILE), '{"pid": 12');
  await (await Spool.open(dir)).close();

  writeFileSync(
    join(dir, LOCK_FILE),
    JSON.stringify({ pid: 1, host: 'other-host', since: '2025-01-01T00:00:00Z' }),
  );
  await assert.rejects(Spool.open(dir), /in use by process 1 on other-host/);
});
