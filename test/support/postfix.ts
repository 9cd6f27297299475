/**
 * A private Postfix for a test file (test/support/postfix.sh does the work): its own config and queue in
 * a temp dir, an SMTP listener on a free 127.0.0.1 port, every mail relayed to one loopback port and the
 * bounce domain routed to another, no DNS. Absent Postfix or root, `postfixMissing` says why, for a
 * visible skip.
 */
import { execFile, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const POSTFIX = '/usr/sbin/postfix';
/** The script stays in test/support; the compiled helper runs from dist/test/support. */
const SCRIPT = fileURLToPath(new URL('../../../test/support/postfix.sh', import.meta.url));

export interface PostfixOptions {
  /** Where every mail goes: the fake remote server. */
  relayPort: number;
  /** Mail for this domain (Postfix's DSNs to the VERP return path) goes to `bouncePort`. */
  bounceDomain: string;
  bouncePort: number;
}

export interface Postfix {
  host: string;
  port: number;
  /** smtp://127.0.0.1:port, for REBOUND_UPSTREAM. */
  url: string;
  /** Postfix's own log, for a failing test's message. */
  log(): string;
  /** Stops it (waiting until its master is gone) and removes the temp dir. */
  remove(): Promise<void>;
}

export function postfixMissing(): string | undefined {
  if (!existsSync(POSTFIX)) return 'postfix not installed: apt-get install postfix';
  // The master must start as root to hand its daemons to the 'postfix' user.
  if (process.getuid?.() !== 0) return 'a private postfix needs root: run this test as root (CI does)';
  return undefined;
}

export async function startPostfix(port: number, options: PostfixOptions): Promise<Postfix> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-postfix-'));
  // A test process that dies (a crash, a timeout) must not leave a daemon behind.
  const onExit = (): void => void spawnSync('bash', [SCRIPT, 'stop', dir]);
  process.once('exit', onExit);
  const remove = async (): Promise<void> => {
    process.removeListener('exit', onExit);
    await run('bash', [SCRIPT, 'stop', dir]);
    rmSync(dir, { recursive: true, force: true });
  };
  const args = [String(port), String(options.relayPort), options.bounceDomain, String(options.bouncePort)];
  try {
    await run('bash', [SCRIPT, 'start', dir, ...args]);
  } catch (error) {
    await remove();
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    url: `smtp://127.0.0.1:${port}`,
    log: () => readLog(join(dir, 'maillog')),
    remove,
  };
}

function readLog(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '(no postfix log)';
  }
}

/**
 * A port the system just handed out, for Postfix to bind a moment later (a race we accept in tests):
 * taken before Postfix starts, because Rebound needs it as its upstream first.
 */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no port')),
      );
    });
  });
}
