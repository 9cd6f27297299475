/**
 * The durable outbound spool: one file per accepted message (a JSON envelope line, then the raw bytes),
 * written to tmp/, fsynced and renamed into place before the relay answers 250, so a killed process
 * loses nothing. Each recipient's outcome is a small marker file `<id>.<n>.done`, also written before it
 * is acted on: after a crash the worker skips recipients that already have one, so an upstream 250
 * followed by a crash does not send twice (the one window left is between that 250 and the marker's
 * fsync). Markers are removed only after the message file.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { SpamSummary } from '../spam/spam-summary.js';
import { lockSpool, type SpoolLock } from './spool-lock.js';

export interface Envelope {
  version: 1;
  id: string;
  accountId: string;
  /** The client's MAIL FROM; the upstream sees a VERP address instead. */
  from: string;
  recipients: string[];
  messageId: string;
  /** The campaign or tag the client named (X-Rebound-Campaign, or `campaign` over HTTP); for its rates. */
  campaign?: string | undefined;
  /** The content check's score and rules, for each recipient's `sent` event; absent when unscored (and in
   * envelopes spooled before it was kept). */
  spam?: SpamSummary | undefined;
  /** One upstream transaction per recipient, each with its own signed return path. */
  verp: 'per-recipient';
  queuedAt: string;
  /** Delivery rounds tried so far and when the next one is due. */
  attempts: number;
  nextAttemptAt: string;
}

export type Outcome =
  | { outcome: 'sent'; at: string; response: string }
  | { outcome: 'bounced'; at: string; replyCode: number; text: string; command: string | null }
  /** Retried until the spool's retry period ended; `replyCode` is absent when no server ever answered. */
  | { outcome: 'expired'; at: string; replyCode: number | null; text: string };

export interface Spooled {
  envelope: Envelope;
  raw: Buffer;
  /** Recipient index -> outcome already recorded. */
  outcomes: Map<number, Outcome>;
}

const MESSAGE = '.msg';
const MARKER = '.done';

export class Spool {
  private constructor(
    readonly dir: string,
    private readonly lock: SpoolLock,
  ) {}

  /**
   * Locks the directory for this process (spool-lock.ts), creates the directories; temp files left by a
   * crash were never acknowledged and are deleted (only once locked: they could be another relay's).
   */
  static async open(dir: string): Promise<Spool> {
    await mkdir(dir, { recursive: true });
    const lock = await lockSpool(dir);
    try {
      await rm(join(dir, 'tmp'), { recursive: true, force: true });
      await mkdir(join(dir, 'tmp'), { recursive: true });
      await mkdir(join(dir, 'failed'), { recursive: true });
    } catch (error) {
      await lock.release();
      throw error;
    }
    return new Spool(dir, lock);
  }

  /** Gives the directory up to the next process. */
  async close(): Promise<void> {
    await this.lock.release();
  }

  static newId(): string {
    return `${Date.now().toString(36)}-${randomUUID()}`;
  }

  /** Durable on return: the file and its directory entry are on disk. */
  async write(envelope: Envelope, raw: Buffer): Promise<void> {
    const header = Buffer.from(`${JSON.stringify(envelope)}\n`, 'utf8');
    await this.durable(`${envelope.id}${MESSAGE}`, Buffer.concat([header, raw]));
  }

  async mark(id: string, index: number, outcome: Outcome): Promise<void> {
    await this.durable(`${id}.${index}${MARKER}`, Buffer.from(JSON.stringify(outcome), 'utf8'));
  }

  /** Ids of the spooled messages; markers whose message is gone (a crash during removal) are deleted. */
  async list(): Promise<string[]> {
    const names = await readdir(this.dir);
    const ids = new Set(names.filter((n) => n.endsWith(MESSAGE)).map((n) => n.slice(0, -MESSAGE.length)));
    const orphans = names.filter((n) => n.endsWith(MARKER) && !ids.has(n.split('.')[0] ?? ''));
    await Promise.all(orphans.map((n) => rm(join(this.dir, n), { force: true })));
    return [...ids].sort();
  }

  /** Undefined when the file is unreadable: the caller moves it aside rather than crash on it. */
  async read(id: string): Promise<Spooled | undefined> {
    const bytes = await readFile(join(this.dir, `${id}${MESSAGE}`));
    const newline = bytes.indexOf(0x0a);
    if (newline < 0) return undefined;
    let envelope: Envelope;
    try {
      envelope = JSON.parse(bytes.subarray(0, newline).toString('utf8')) as Envelope;
    } catch {
      return undefined;
    }
    if (envelope.version !== 1 || !Array.isArray(envelope.recipients)) return undefined;
    const outcomes = new Map<number, Outcome>();
    for (let i = 0; i < envelope.recipients.length; i++) {
      const marker = await readFile(join(this.dir, `${id}.${i}${MARKER}`), 'utf8').catch(() => undefined);
      if (marker !== undefined) outcomes.set(i, JSON.parse(marker) as Outcome);
    }
    return { envelope, raw: bytes.subarray(newline + 1), outcomes };
  }

  /** Message first, markers after: a crash in between leaves orphans that `list` cleans up. */
  async remove(envelope: Envelope): Promise<void> {
    await rm(join(this.dir, `${envelope.id}${MESSAGE}`), { force: true });
    await Promise.all(
      envelope.recipients.map((_, i) => rm(join(this.dir, `${envelope.id}.${i}${MARKER}`), { force: true })),
    );
  }

  /** Moves a message an operator has to look at into failed/, with its markers. */
  async moveToFailed(id: string): Promise<void> {
    const names = (await readdir(this.dir)).filter((n) => n.startsWith(`${id}.`));
    const message = names.filter((n) => n.endsWith(MESSAGE));
    for (const name of [...message, ...names.filter((n) => !n.endsWith(MESSAGE))]) {
      await rename(join(this.dir, name), join(this.dir, 'failed', name));
    }
  }

  private async durable(name: string, bytes: Buffer): Promise<void> {
    const temp = join(this.dir, 'tmp', `${name}.${randomUUID()}`);
    const file = await open(temp, 'wx');
    try {
      await file.writeFile(bytes);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(temp, join(this.dir, name));
    await syncDir(this.dir);
  }
}

/** The rename is durable only once the directory itself is synced. */
async function syncDir(dir: string): Promise<void> {
  const handle = await open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
