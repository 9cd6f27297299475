/**
 * A private Dovecot IMAP server for a test file (test/support/dovecot.sh does the work): 127.0.0.1, a
 * free port, one user, maildir in a temp dir, removed on stop; on request POP3 too, on a second free
 * port. Absent Dovecot, `dovecotMissing` says how to get it, for a visible skip.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const DOVECOT = '/usr/sbin/dovecot';
const DOVECOT_POP3 = '/usr/lib/dovecot/pop3';
/** The script stays in test/support; the compiled helper runs from dist/test/support. */
const SCRIPT = fileURLToPath(new URL('../../../test/support/dovecot.sh', import.meta.url));

export interface Dovecot {
  host: string;
  port: number;
  user: string;
  password: string;
  /** imap://user:password@127.0.0.1:port/INBOX */
  url: string;
  /** With `{ pop3: true }`: the POP3 port and pop3://user:password@127.0.0.1:port */
  pop3Port: number | undefined;
  pop3Url: string | undefined;
  /** Stops the server, keeping its mail: `start` brings it back on the same port (a dropped server). */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it and removes the temp dir. */
  remove(): Promise<void>;
}

export function dovecotMissing(options: { pop3?: boolean } = {}): string | undefined {
  if (!existsSync(DOVECOT)) return 'dovecot not installed: apt-get install dovecot-imapd';
  if (options.pop3 === true && !existsSync(DOVECOT_POP3)) {
    return 'dovecot POP3 not installed: apt-get install dovecot-pop3d';
  }
  return undefined;
}

export async function startDovecot(options: { pop3?: boolean } = {}): Promise<Dovecot> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-dovecot-'));
  const port = await freePort();
  const pop3Port = options.pop3 === true ? await freePort() : undefined;
  const user = 'bounces';
  const password = 'imap-test-password';
  const start = async (): Promise<void> => {
    const pop3 = pop3Port === undefined ? [] : [String(pop3Port)];
    await run('bash', [SCRIPT, 'start', dir, String(port), user, password, ...pop3]);
  };
  const stop = async (): Promise<void> => {
    await run('bash', [SCRIPT, 'stop', dir]);
  };
  try {
    await start();
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
  return {
    host: '127.0.0.1',
    port,
    user,
    password,
    url: `imap://${user}:${password}@127.0.0.1:${port}/INBOX`,
    pop3Port,
    pop3Url: pop3Port === undefined ? undefined : `pop3://${user}:${password}@127.0.0.1:${pop3Port}`,
    stop,
    start,
    async remove() {
      await stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A port the system just handed out; Dovecot binds it a moment later (a race we accept in tests). */
function freePort(): Promise<number> {
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
