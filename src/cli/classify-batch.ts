/**
 * The shared work of `rebound classify --threads N`: the list of files, cut into numbered batches that
 * the threads claim one at a time from a shared counter, and one batch's JSON lines exactly as one
 * thread would write them. Run by the worker threads and by the main thread alike.
 */
import { FileReader } from './file-reader.js';
import { jsonLine } from './json-line.js';
import { reasonOf, split } from './mail-sources.js';

/** Files per batch: large enough that messaging costs little, small enough to balance the threads. */
export const BATCH_FILES = 32;

/**
 * One input, in the order one thread would read it: a file to read (`regular` when the directory walk
 * knows it is a regular file, see FileReader.read), or a path the walk could not read, reported in turn.
 */
export type Entry = { path: string; regular: boolean } | { path: string; error: string };

export interface BatchResult {
  seq: number;
  lines: string;
  /** [path, reason] of each input that could not be read. */
  errors: [string, string][];
}

/** What every thread shares: the entries and the number of the next batch nobody has claimed yet. */
export interface Work {
  entries: Entry[];
  next: Int32Array;
}

export function newWork(entries: Entry[]): Work {
  return { entries, next: new Int32Array(new SharedArrayBuffer(Int32Array.BYTES_PER_ELEMENT)) };
}

export function batchCount(work: Work): number {
  return Math.ceil(work.entries.length / BATCH_FILES);
}

/** Claims the next batch for the calling thread: its number, or undefined when all are claimed. */
export function claim(work: Work): number | undefined {
  const seq = Atomics.add(work.next, 0, 1);
  return seq < batchCount(work) ? seq : undefined;
}

export function runBatch(work: Work, seq: number, reader: FileReader): BatchResult {
  let lines = '';
  const errors: [string, string][] = [];
  const end = Math.min(work.entries.length, (seq + 1) * BATCH_FILES);
  for (let i = seq * BATCH_FILES; i < end; i++) {
    const entry = work.entries[i]!;
    if ('error' in entry) {
      errors.push([entry.path, entry.error]);
      continue;
    }
    let bytes: Buffer;
    try {
      bytes = reader.read(entry.path, entry.regular);
    } catch (error) {
      errors.push([entry.path, reasonOf(error)]);
      continue;
    }
    for (const message of split(entry.path, bytes))
      lines += jsonLine(message.source, message.index, message.bytes);
  }
  return { seq, lines, errors };
}
