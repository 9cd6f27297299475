/**
 * `rebound serve` with the relay, killed with SIGKILL after it answered 250 and before the upstream was
 * reachable: the next start delivers the mail, once.
 */
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';
import nodemailer from 'nodemailer';
import { deadPort, startFakeUpstream } from './fake-upstream.js';
import { DOMAIN, pause, SECRET, waitFor } from './relay-harness.js';

const BIN = fileURLToPath(new URL('../../../src/cli/main.js', import.meta.url));
const ADMIN_KEY = 'kill-test-admin-key-0123456789abcdef';

interface Serving {
  child: ChildProcess;
  relayPort: number;
}

/** Starts `rebound serve` and resolves with the relay's port, read from its log. */
function serve(dir: string, upstream: string): Promise<Serving> {
  const child = spawn(process.execPath, [BIN, 'serve'], {
    env: {
      ...process.env,
      PORT: '0',
      REBOUND_DB: join(dir, 'rebound.db'),
      REBOUND_ADMIN_KEY: ADMIN_KEY,
      REBOUND_BOUNCE_DOMAIN: DOMAIN,
      REBOUND_VERP_SECRET: SECRET,
      REBOUND_BOUNCE_PORT: '0',
      REBOUND_SMTP_PORT: '0',
      REBOUND_SPOOL: join(dir, 'spool'),
      REBOUND_UPSTREAM: upstream,
      LOG_LEVEL: 'info',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout?.setEncoding('utf8').on('data', (text: string) => {
      out += text;
      for (const line of out.split('\n')) {
        if (!line.includes('SMTP relay listening')) continue;
        const { port } = JSON.parse(line) as { port: number };
        resolve({ child, relayPort: port });
      }
    });
    child.once('exit', (code) => reject(new Error(`rebound serve exited with ${code}: ${out}`)));
  });
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null
    ? Promise.resolve()
    : new Promise((resolve) => child.once('exit', () => resolve()));
}

test('kill -9 after 250, before the upstream is up: delivered once after restart', async (t) => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-kill-'));
  const children: ChildProcess[] = [];
  t.after(async () => {
    for (const child of children) {
      child.kill('SIGKILL');
      await exited(child);
    }
    rmSync(dir, { recursive: true, force: true });
  });

  const first = await serve(dir, `smtp://127.0.0.1:${await deadPort()}`);
  children.push(first.child);
  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: first.relayPort,
    ignoreTLS: true,
    auth: { user: 'crm', pass: ADMIN_KEY },
  });
  const info = await transport.sendMail({ from: 'a@crm.example', to: 'ann@example.org', text: 'hi' });
  transport.close();
  assert.match(info.response, /^250 /);
  first.child.kill('SIGKILL');
  await exited(first.child);

  const upstream = await startFakeUpstream();
  t.after(() => upstream.close());
  const second = await serve(dir, upstream.url);
  children.push(second.child);
  await waitFor('the delivery after restart', () => upstream.received.length === 1);
  await pause(300);
  assert.equal(upstream.received.length, 1);
  assert.deepEqual(upstream.received[0]?.to, ['ann@example.org']);
});
