/**
 * Worker threads that prepare an import's mails (hash and classify: most of an import's CPU) while the
 * main thread reads files and writes the database, so an import uses every core. Batches go to the worker
 * with the fewest in hand and come back in their own order; the caller keeps the order of writes.
 *
 * Compressing the raw mails (a tenth of an import's CPU) goes to whichever thread has time for it: a
 * worker compresses the mails it prepared, after its answer, when the writing thread has answered batches
 * waiting (or the worker nothing else to do), and sends them on; the writing thread compresses, as it
 * stores them, the mails that have not come back compressed, and, while it waits for a batch's answer
 * (the worker still starting, or mails slow to classify), that batch's mails. So while the worker is the
 * slower side the main thread compresses, and while the writing thread is the slower side the worker does.
 */
import { MessageChannel, receiveMessageOnPort, Worker, type MessagePort } from 'node:worker_threads';
import type { ErrorCode } from '../errors.js';
import { ReboundError } from '../errors.js';
import { compressRaw } from '../store/raw-codec.js';
import type { PreparedMail } from '../service/ingest-batch.js';
import type { ClassifiedMail } from '../service/ingest-bounce.js';
import { mailsOf, type PackedMails } from './import-pack.js';

/** A prepared mail as it crosses threads: its raw bytes stay on the main thread, which has them. */
export type PreparedWire =
  Omit<ClassifiedMail, 'raw' | 'compressed'> | { refused: { code: ErrorCode; message: string } };

/** What a worker is told when it starts. */
export interface PrepareWorkerData {
  /** Where the worker sends its answers (PrepareAnswer), in order. */
  answers: MessagePort;
  /** Batches answered so far by all workers (one Int32): the writing thread has work while ahead of `writing`. */
  answered: Int32Array;
  /** The id of the batch being written (one Int32, all workers): no worker compresses it or older ones. */
  writing: Int32Array;
}

export interface PrepareJob {
  id: number;
  mails: PackedMails;
}

export type PrepareAnswer =
  | { id: number; prepared: PreparedWire[] }
  /** Batch `id`'s raw mails compressed, from its mail `from` on, one per mail (null: a refused mail). */
  | { id: number; from: number; compressed: (Uint8Array | null)[] };

/** Mails the writing thread compresses between two looks at whether the answer it waits for has come. */
const CHUNK = 32;

/** A batch handed to the pool. */
export interface PreparingBatch {
  mails: Promise<PreparedMail[]>;
  /**
   * The mails, once answered; the writing thread compresses them while it waits (it is next to write
   * them, and the worker leaves that to it). Call only when there is nothing else to do.
   */
  answered(): Promise<PreparedMail[]>;
  /** Call as its writing starts: it gets the compressed mails come so far; later ones come too late. */
  writing(): void;
}

interface Batch {
  resolve(mails: PreparedMail[]): void;
  reject(error: unknown): void;
  raws: Uint8Array[];
  /** The first mails, compressed here while waiting for the answer. */
  early: Uint8Array[];
  /** Set once the worker answered: the compressed mails that come later are put in these. */
  prepared?: PreparedMail[];
}

class PoolWorker {
  /** Batches sent whose writing has not started, by id. */
  private readonly batches = new Map<number, Batch>();
  /** Batches sent and not yet answered: the pool sends to the worker with the fewest. */
  awaiting = 0;
  private failure: Error | undefined;

  constructor(
    readonly thread: Worker,
    private readonly answers: MessagePort,
  ) {
    answers.on('message', (answer: PrepareAnswer) => this.receive(answer));
    thread.on('error', (error) => this.fail(error));
    thread.on('exit', (code) => this.fail(new Error(`an import worker stopped (exit code ${code})`)));
  }

  send(id: number, mails: PackedMails): Promise<PreparedMail[]> {
    if (this.failure !== undefined) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => {
      this.batches.set(id, { resolve, reject, raws: mailsOf(mails), early: [] });
      this.awaiting++;
      // The worker's own copy, moved: the main thread keeps its bytes to store and maybe compress them.
      const copy = Buffer.allocUnsafeSlow(mails.data.byteLength);
      copy.set(mails.data);
      const job: PrepareJob = { id, mails: { data: copy, ends: mails.ends } };
      this.thread.postMessage(job, [copy.buffer]);
    });
  }

  /** Compresses the batch's mails, a chunk at a time, until its answer comes (or all are done). */
  async compressWaiting(id: number): Promise<void> {
    const batch = this.batches.get(id);
    while (
      batch !== undefined &&
      batch.prepared === undefined &&
      this.failure === undefined &&
      batch.early.length < batch.raws.length
    ) {
      const end = Math.min(batch.early.length + CHUNK, batch.raws.length);
      for (let i = batch.early.length; i < end; i++)
        batch.early.push(compressRaw(batch.raws[i] as Uint8Array));
      // The answer is a message: the event loop delivers it before the next chunk.
      await new Promise(setImmediate);
    }
  }

  /** The batch is about to be written: it gets the compressed mails come so far, and no more. */
  writing(id: number): void {
    this.takeAnswers();
    this.batches.delete(id);
  }

  /**
   * Takes the answers that have come, without waiting for the event loop: the writing thread may run
   * long without turning to it (reading files and writing SQLite are synchronous).
   */
  private takeAnswers(): void {
    for (;;) {
      const received = receiveMessageOnPort(this.answers);
      if (received === undefined) return;
      this.receive(received.message as PrepareAnswer);
    }
  }

  close(): Promise<number> {
    this.answers.close();
    this.thread.removeAllListeners('exit');
    return this.thread.terminate();
  }

  private receive(answer: PrepareAnswer): void {
    const batch = this.batches.get(answer.id);
    if (batch === undefined) return;
    if ('prepared' in answer) {
      this.awaiting--;
      batch.prepared = answer.prepared.map((wire, i) =>
        revive(wire, batch.raws[i] as Uint8Array, batch.early[i]),
      );
      // The caller's own array: whatever it does with it, the compressed mails go to the right mails.
      batch.resolve([...batch.prepared]);
      return;
    }
    answer.compressed.forEach((compressed, i) => {
      const mail = batch.prepared?.[answer.from + i];
      if (compressed !== null && mail !== undefined && !(mail instanceof ReboundError))
        mail.compressed ??= compressed;
    });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    for (const batch of this.batches.values()) if (batch.prepared === undefined) batch.reject(this.failure);
    this.batches.clear();
  }
}

export class PreparePool {
  private nextId = 0;
  private closed = false;

  private constructor(
    private readonly workers: PoolWorker[],
    private readonly writing: Int32Array,
  ) {}

  static start(size: number): PreparePool {
    if (!Number.isInteger(size) || size < 1)
      throw new TypeError(`workers must be a positive integer: ${size}`);
    const url = new URL('./import-worker.js', import.meta.url);
    const writing = sharedInt32(-1);
    const answered = sharedInt32(0);
    const workers = Array.from({ length: size }, () => {
      const { port1, port2 } = new MessageChannel();
      const workerData: PrepareWorkerData = { answers: port2, answered, writing };
      return new PoolWorker(new Worker(url, { workerData, transferList: [port2] }), port1);
    });
    return new PreparePool(workers, writing);
  }

  /** Prepares the mails in a worker; the batch's order is kept. */
  prepare(mails: PackedMails): PreparingBatch {
    const worker = this.workers.reduce((a, b) => (b.awaiting < a.awaiting ? b : a));
    const id = this.nextId++;
    const prepared = worker.send(id, mails);
    return {
      mails: prepared,
      answered: async () => {
        await worker.compressWaiting(id);
        return prepared;
      },
      writing: () => {
        // Batches are written in the order of their ids.
        Atomics.store(this.writing, 0, id);
        worker.writing(id);
      },
    };
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await Promise.all(this.workers.map((w) => w.close()));
  }
}

function sharedInt32(value: number): Int32Array {
  const array = new Int32Array(new SharedArrayBuffer(4));
  array[0] = value;
  return array;
}

function revive(wire: PreparedWire, raw: Uint8Array, compressed: Uint8Array | undefined): PreparedMail {
  if ('refused' in wire) return new ReboundError(wire.refused.code, wire.refused.message);
  return { ...wire, raw, compressed };
}
