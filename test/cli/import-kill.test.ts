/**
 * `rebound import` killed with SIGKILL part way (the first batches committed, the rest not), then run
 * again on the same files: nothing is lost, nothing counted twice, and the database ends as one
 * uninterrupted import leaves it. SQLite: each batch is one transaction, and WAL keeps a commit whole.
 */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { test } from 'node:test';
import Database from 'better-sqlite3';
import { dsn, HARD, SOFT } from '../support/http-mails.js';

const BIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));
const MAILS = 4000;

function env(db: string): NodeJS.ProcessEnv {
  return { ...process.env, REBOUND_DB: db, DATABASE_URL: '' };
}

function count(db: string, sql: string): number {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return (conn.prepare(sql).get() as { n: number }).n;
  } finally {
    conn.close();
  }
}

function storedSoFar(db: string): number {
  try {
    return count(db, 'SELECT count(*) AS n FROM bounces');
  } catch (error) {
    if (/no such table/.test((error as Error).message)) return 0;
    throw error;
  }
}

function summary(stdout: string, row: string): number {
  const match = new RegExp(`^${row}\\s+(\\d+)$`, 'm').exec(stdout);
  assert.ok(match?.[1] !== undefined, `no '${row}' in the summary:\n${stdout}`);
  return Number(match[1]);
}

/** What an import leaves: every address's state and counts, the mails and events stored. */
function outcome(db: string) {
  const conn = new Database(db, { readonly: true, fileMustExist: true });
  try {
    return {
      addresses: conn
        .prepare('SELECT address, status, soft_bounces, reason FROM addresses ORDER BY address')
        .all(),
      bounces: conn.prepare('SELECT count(*) AS n FROM bounces').get(),
      events: conn.prepare('SELECT type, count(*) AS n FROM events GROUP BY type ORDER BY type').all(),
    };
  } finally {
    conn.close();
  }
}

test('an import killed part way and run again ends as one whole import, without doubles', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-import-kill-'));
  t.after(() => rmSync(dir, { recursive: true, force: true }));
  const mails = join(dir, 'mails');
  mkdirSync(mails);
  for (let i = 0; i < MAILS; i++) {
    // 300 addresses, each with hard and soft bounces spread over a month and read out of time order.
    const at = new Date(Date.UTC(2025, 0, 1 + ((i * 7) % 30), i % 24)).toISOString();
    const kind = i % 11 === 0 ? HARD : SOFT;
    writeFileSync(
      join(mails, `${String(i).padStart(5, '0')}.eml`),
      dsn({ recipient: `user${i % 300}@example.org`, ...kind, id: `k${i}`, at }),
    );
  }
  const killed = join(dir, 'killed.db');
  const child = spawn(process.execPath, [BIN, 'import', mails], { env: env(killed), stdio: 'ignore' });
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.on('exit', (_code, signal) => resolve(signal)),
  );
  let stored = 0;
  for (let i = 0; i < 3000 && stored === 0 && child.exitCode === null; i++) {
    await sleep(5);
    // Until the child's first migration commits, the file may hold no tables yet.
    if (existsSync(killed)) stored = storedSoFar(killed);
  }
  child.kill('SIGKILL');
  assert.equal(await exited, 'SIGKILL', 'the import was still running when it was killed');
  const atKill = count(killed, 'SELECT count(*) AS n FROM bounces');
  assert.ok(atKill > 0 && atKill < MAILS, `killed part way: ${atKill} of ${MAILS} mails stored`);

  const resumed = spawnSync(process.execPath, [BIN, 'import', mails], { env: env(killed), encoding: 'utf8' });
  assert.equal(resumed.status, 0, resumed.stderr);
  assert.equal(
    summary(resumed.stdout, 'duplicates'),
    atKill,
    'what the killed run committed counts as duplicates',
  );
  assert.equal(summary(resumed.stdout, 'bounces'), MAILS - atKill);

  const whole = join(dir, 'whole.db');
  const once = spawnSync(process.execPath, [BIN, 'import', mails], { env: env(whole), encoding: 'utf8' });
  assert.equal(once.status, 0, once.stderr);
  assert.equal(summary(once.stdout, 'bounces'), MAILS);
  assert.deepEqual(outcome(killed), outcome(whole));
});
