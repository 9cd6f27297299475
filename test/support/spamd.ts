/**
 * A private spamd (Debian's spamassassin) on a free loopback port for one test file: local rules only
 * (-L, no DNS or network tests), no user configs (-x), one child. Undefined when spamd is not installed
 * (the tests then skip with SPAMD_MISSING); .ci/run installs it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const SPAMD = process.env.REBOUND_TEST_SPAMD ?? '/usr/sbin/spamd';

export interface PrivateSpamd {
  host: string;
  port: number;
  stop(): Promise<void>;
}

/** Why the spamd tests skip, for t.skip(). */
export const SPAMD_MISSING = `spamd not installed at ${SPAMD} (apt-get install spamassassin; .ci/run does)`;

export async function startSpamd(): Promise<PrivateSpamd | undefined> {
  if (!existsSync(SPAMD)) return undefined;
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'rebound-spamd-'));
  const child = spawn(
    SPAMD,
    [
      '-x',
      '-L',
      `--listen=127.0.0.1:${port}`,
      '--max-children=1',
      '--min-children=1',
      `--pidfile=${join(dir, 'spamd.pid')}`,
      '-s',
      'stderr',
      ...(process.getuid?.() === 0 ? ['-u', 'nobody'] : []),
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let log = '';
  child.stderr?.on('data', (chunk: Buffer) => (log = (log + chunk.toString()).slice(-4000)));
  const stop = async (): Promise<void> => {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, child, 90_000);
  } catch (error) {
    await stop();
    throw new Error(`spamd did not start: ${(error as Error).message}\n${log}`, { cause: error });
  }
  return { host: '127.0.0.1', port, stop };
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitForPort(port: number, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect({ host: '127.0.0.1', port });
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`port ${port} not open after ${timeoutMs} ms`);
}

/** SIGTERM makes spamd stop its children too; SIGKILL if it takes too long. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
  await exited;
  clearTimeout(timer);
}
