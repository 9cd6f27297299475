/**
 * Reads a known list of files ahead of their use, in a worker thread (read-ahead-worker.ts), so that
 * the open/read/close system calls (a fifth of `rebound classify DIR`'s main thread, reading small mails
 * one by one) run on another core while the main thread classifies.
 *
 * The two threads share memory and never exchange a message per file. The worker reads file i into
 * slot i % SLOTS and marks it ready; it runs at most SLOTS files ahead of the main thread. The main
 * thread takes each file in order: ready, it is used where it lies; not yet started (the worker is
 * still starting, or behind), the main thread claims it and reads it itself; being read, it waits for
 * that one read. A file the worker could not read, or that is larger than a slot, is read again by the
 * main thread, which so throws the very error a plain read throws. The main thread therefore never
 * waits for the worker to start, and a worker that dies cannot hang it (its open read aside).
 */
import { Worker } from 'node:worker_threads';
import { FileReader } from './file-reader.js';

/** Below this many files, starting a thread costs more than it saves. */
export const MIN_FILES = 64;
const SLOTS = 64;
/** A larger file is read by the main thread: bounce mails are mostly a few KB. */
const SLOT_BYTES = 256 * 1024;

/** The states of a file, one Int32 each (see the header). */
export const FileState = { Untouched: 0, Reading: 1, Ready: 2, Failed: 3, Claimed: 4 } as const;

/** What the worker gets: the shared arrays and the paths. */
export interface ReadAheadShared {
  paths: string[];
  /** One state per path. */
  states: Int32Array;
  /** Indexed by the CONTROL_ constants. */
  control: Int32Array;
  /** The byte length of the file in each slot. */
  lengths: Int32Array;
  data: SharedArrayBuffer;
  slotBytes: number;
}

/** The index of the file the main thread is on: those before it are done with. */
export const CONTROL_CURRENT = 0;
/** 1 once the main thread wants no more files. */
export const CONTROL_STOP = 1;
/**
 * While the worker waits for free slots, the CONTROL_CURRENT at which it wants to be woken (half the
 * slots free, so that it is woken once per half a window, not once per file); NOT_WAITING otherwise.
 */
export const CONTROL_WAKE_AT = 2;
export const NOT_WAITING = 0x7fffffff;

export class ReadAhead {
  private readonly shared: ReadAheadShared;
  private readonly data: Buffer;
  private readonly fallback = new FileReader();

  constructor(readonly paths: string[]) {
    const slots = Math.min(SLOTS, paths.length);
    this.shared = {
      paths,
      states: new Int32Array(new SharedArrayBuffer(4 * paths.length)),
      control: new Int32Array(new SharedArrayBuffer(12)),
      lengths: new Int32Array(new SharedArrayBuffer(4 * slots)),
      data: new SharedArrayBuffer(slots * SLOT_BYTES),
      slotBytes: SLOT_BYTES,
    };
    this.shared.control[CONTROL_WAKE_AT] = NOT_WAITING;
    this.data = Buffer.from(this.shared.data);
    const worker = new Worker(new URL('./read-ahead-worker.js', import.meta.url), {
      workerData: this.shared,
    });
    // The main thread never waits for the worker's messages: an error there only costs its help.
    worker.on('error', () => this.stop());
    worker.unref();
  }

  /**
   * The bytes of paths[i], valid until the next call; throws as FileReader.read does. Files are taken in
   * order: calling with i says that the files before it are done with.
   */
  read(i: number): Buffer {
    const { states, control, lengths, slotBytes } = this.shared;
    Atomics.store(control, CONTROL_CURRENT, i);
    // A wake-up is a system call: only when the worker waits for this one.
    if (i >= Atomics.load(control, CONTROL_WAKE_AT)) Atomics.notify(control, CONTROL_CURRENT);
    let state = Atomics.compareExchange(states, i, FileState.Untouched, FileState.Claimed);
    while (state === FileState.Reading) {
      Atomics.wait(states, i, FileState.Reading);
      state = Atomics.load(states, i);
    }
    if (state !== FileState.Ready) return this.fallback.read(this.paths[i]!, true);
    const slot = i % lengths.length;
    return this.data.subarray(slot * slotBytes, slot * slotBytes + lengths[slot]!);
  }

  /** Tells the worker to stop reading; it ends by itself. */
  stop(): void {
    Atomics.store(this.shared.control, CONTROL_STOP, 1);
    Atomics.store(this.shared.control, CONTROL_CURRENT, this.paths.length);
    Atomics.notify(this.shared.control, CONTROL_CURRENT);
  }
}
