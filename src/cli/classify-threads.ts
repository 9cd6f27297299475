/**
 * `rebound classify --threads N`: the files are listed first, then classified in batches by the main
 * thread and N - 1 worker threads, each claiming the next unclaimed batch from a shared counter, so
 * that no thread waits for another to hand it work. The lines are written in the order one thread
 * would write them: a batch's lines wait until every earlier batch is out. The main thread writes
 * between two batches of its own, and waits only once nothing is left to claim.
 */
import { statSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { batchCount, claim, newWork, runBatch, type BatchResult, type Entry } from './classify-batch.js';
import { FileReader } from './file-reader.js';
import { directoryEntries, type OnReadError } from './mail-sources.js';
import type { Output } from './output.js';

export async function writeJsonLinesThreaded(
  paths: string[],
  threads: number,
  onError: OnReadError,
  out: Output,
): Promise<void> {
  const work = newWork(entries(paths));
  const batches = batchCount(work);
  // A worker that could get no batch would only cost its start-up.
  const workers = Array.from(
    { length: Math.min(threads - 1, batches - 1) },
    () => new Worker(new URL('./classify-worker.js', import.meta.url), { workerData: work }),
  );
  const done = new Map<number, BatchResult>();
  let written = 0;
  let failure: unknown;
  /** Resolves the main thread's wait for the workers, once it has nothing of its own left to do. */
  let wake: (() => void) | undefined;
  const fail = (error: unknown): void => {
    failure ??= error;
    wake?.();
  };
  const writeReady = (): void => {
    for (let ready = done.get(written); ready !== undefined; ready = done.get(written)) {
      done.delete(written++);
      for (const [path, reason] of ready.errors) onError(path, reason);
      out.write(ready.lines);
    }
  };
  for (const worker of workers) {
    worker.on('message', (result: BatchResult) => {
      done.set(result.seq, result);
      try {
        writeReady();
      } catch (error) {
        fail(error);
      }
      wake?.();
    });
    worker.on('error', fail);
    // A worker ends by itself once nothing is left to claim, having posted all it did.
    worker.on('exit', (code) => {
      if (code !== 0) fail(new Error(`a classify worker stopped (exit ${code})`));
    });
  }

  const reader = new FileReader();
  try {
    for (let seq = claim(work); seq !== undefined && failure === undefined; seq = claim(work)) {
      done.set(seq, runBatch(work, seq, reader));
      writeReady();
      // Let the workers' results in, so that their lines are written as they come.
      if (workers.length > 0) await nextTurn();
    }
    while (failure === undefined && written < batches) {
      await new Promise<void>((resolve) => (wake = resolve));
      wake = undefined;
    }
    if (failure !== undefined) throw failure;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/**
 * Every input in the order one thread reads them: a directory's files in walk order (and the places
 * the walk could not read, in turn), any other path as given (reading it reports why it cannot be read).
 */
function entries(paths: string[]): Entry[] {
  const list: Entry[] = [];
  for (const path of paths) {
    if (!isDirectory(path)) {
      list.push({ path, regular: false });
      continue;
    }
    for (const entry of directoryEntries(path))
      list.push('error' in entry ? entry : { path: entry.path, regular: true });
  }
  return list;
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false; // whatever stat could not tell, reading the path will report
  }
}
