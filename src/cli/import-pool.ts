/**
 * Worker threads that prepare an import's mails (hash, classify and, with several workers, compress:
 * most of an import's CPU) while the main thread reads files and writes the database, so an import uses
 * every core. Batches go to the worker with the fewest in hand and come back in their own order; the
 * caller keeps the order of writes.
 */
import { Worker } from 'node:worker_threads';
import type { ErrorCode } from '../errors.js';
import { ReboundError } from '../errors.js';
import type { PreparedMail } from '../service/ingest-batch.js';
import type { ClassifiedMail } from '../service/ingest-bounce.js';

/** A prepared mail as it crosses threads: a class instance would arrive as a plain object. */
export type PreparedWire = ClassifiedMail | { refused: { code: ErrorCode; message: string } };

/** What a worker is told when it starts. */
export interface PrepareWorkerData {
  /** Whether the worker compresses the raw mails too (else the writing thread does, as it stores them). */
  compress: boolean;
}

export interface PrepareJob {
  id: number;
  raws: Uint8Array[];
}

export interface PrepareReply {
  id: number;
  mails: PreparedWire[];
}

interface Pending {
  resolve(mails: PreparedMail[]): void;
  reject(error: unknown): void;
}

class PoolWorker {
  readonly pending = new Map<number, Pending>();
  private failure: Error | undefined;

  constructor(readonly thread: Worker) {
    thread.on('message', (reply: PrepareReply) => {
      const job = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      job?.resolve(reply.mails.map(revive));
    });
    thread.on('error', (error) => this.fail(error));
    thread.on('exit', (code) => this.fail(new Error(`an import worker stopped (exit code ${code})`)));
  }

  send(job: PrepareJob): Promise<PreparedMail[]> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.pending.set(job.id, { resolve, reject });
      this.thread.postMessage(
        job,
        job.raws.map((raw) => raw.buffer as ArrayBuffer),
      );
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const job of this.pending.values()) job.reject(this.failure);
    this.pending.clear();
  }
}

export class PreparePool {
  private nextId = 0;
  private closed = false;

  private constructor(private readonly workers: PoolWorker[]) {}

  static start(size: number): PreparePool {
    if (!Number.isInteger(size) || size < 1)
      throw new TypeError(`workers must be a positive integer: ${size}`);
    const url = new URL('./import-worker.js', import.meta.url);
    // One worker classifies slower than the main thread writes (~0.35 vs ~0.13 ms a mail): the main
    // thread, waiting for it otherwise, compresses (~0.06 ms) as it writes. Several workers could
    // outpace the main thread: then each compresses its own mails.
    const workerData: PrepareWorkerData = { compress: size > 1 };
    return new PreparePool(
      Array.from({ length: size }, () => new PoolWorker(new Worker(url, { workerData }))),
    );
  }

  /**
   * Prepares the mails in a worker. Each raw must own its whole ArrayBuffer: it is moved to the worker
   * (not copied) and comes back in the prepared mail.
   */
  prepare(raws: Uint8Array[]): Promise<PreparedMail[]> {
    const worker = this.workers.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    return worker.send({ id: this.nextId++, raws });
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(
      this.workers.map((w) => {
        w.thread.removeAllListeners('exit');
        return w.thread.terminate();
      }),
    );
  }
}

function revive(wire: PreparedWire): PreparedMail {
  if ('refused' in wire) return new ReboundError(wire.refused.code, wire.refused.message);
  return wire;
}
