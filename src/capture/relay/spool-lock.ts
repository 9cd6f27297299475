/**
 * One process per spool directory. Two relays delivering from the same spool would both read every
 * message and send it twice, so the spool is locked with a file created exclusively (O_EXCL) holding the
 * owner's pid and host. A lock whose process is gone (a crash, kill -9) is stale and taken over; one held
 * by a live process, or by another host (a shared disk: its pids mean nothing here), stops the start.
 */
import { hostname } from 'node:os';
import { randomUUID } from 'node:crypto';
import { link, open, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';

export const LOCK_FILE = 'lock';

interface Owner {
  pid: number;
  host: string;
  since: string;
}

export class SpoolLockedError extends Error {
  override readonly name = 'SpoolLockedError';
}

export interface SpoolLock {
  /** Removes the lock file, if it is still ours. */
  release(): Promise<void>;
}

/** Takes the lock or throws SpoolLockedError naming the owner. */
export async function lockSpool(dir: string): Promise<SpoolLock> {
  const path = join(dir, LOCK_FILE);
  const me: Owner = { pid: process.pid, host: hostname(), since: new Date().toISOString() };
  // Twice at most: once, and once more after removing a stale lock.
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const file = await open(path, 'wx');
      try {
        await file.writeFile(`${JSON.stringify(me)}\n`);
        await file.sync();
      } finally {
        await file.close();
      }
      return { release: () => releaseIfOurs(path, me) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const owner = await readOwner(path);
    if (owner !== undefined && (owner.host !== me.host || isAlive(owner.pid))) {
      throw new SpoolLockedError(
        `The spool ${dir} is in use by process ${owner.pid} on ${owner.host} since ${owner.since}: ` +
          'two relays on one spool would send mail twice. Stop it, or give this one its own REBOUND_SPOOL ' +
          `(remove ${path} only if that process is surely gone).`,
      );
    }
    // Stale (its process is gone) or unreadable (a crash while writing it): ours to take over.
    await setAside(path, owner);
  }
  throw new SpoolLockedError(`The spool ${dir} was locked again while taking over a stale lock: retry.`);
}

/**
 * Moves the stale lock out of the way atomically (rename). Should another process have replaced it in
 * the meantime, what was moved is its fresh lock: it goes back (link fails rather than overwrite).
 */
async function setAside(path: string, stale: Owner | undefined): Promise<void> {
  const aside = `${path}.stale-${randomUUID()}`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const moved = await readOwner(aside);
  if (stale !== undefined && (moved === undefined || !sameOwner(moved, stale))) {
    await link(aside, path).catch(() => undefined);
  }
  await rm(aside, { force: true });
}

function sameOwner(a: Owner, b: Owner): boolean {
  return a.pid === b.pid && a.host === b.host && a.since === b.since;
}

async function readOwner(path: string): Promise<Owner | undefined> {
  try {
    const value = JSON.parse(await readFile(path, 'utf8')) as Partial<Owner>;
    if (typeof value.pid !== 'number' || typeof value.host !== 'string') return undefined;
    return { pid: value.pid, host: value.host, since: String(value.since) };
  } catch {
    return undefined;
  }
}

/** Signal 0 checks existence only; EPERM means it exists but belongs to someone else. */
function isAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function releaseIfOurs(path: string, me: Owner): Promise<void> {
  const owner = await readOwner(path);
  if (owner !== undefined && sameOwner(owner, me)) await rm(path, { force: true });
}
