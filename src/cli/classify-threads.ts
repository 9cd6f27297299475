/**
 * `rebound classify --threads N`: the files are classified in batches by the main thread and N - 1
 * worker threads, and the lines written in the order one thread would write them (a batch's lines wait
 * until every earlier batch is out). The main thread also walks the directories and writes; it takes
 * a batch of its own whenever the workers have theirs, so that no core waits and no more classifiers
 * are loaded than there are threads.
 */
import { statSync } from 'node:fs';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { Worker } from 'node:worker_threads';
import { runBatch, type Batch, type BatchResult } from './classify-batch.js';
import { FileReader } from './file-reader.js';
import { filesUnder, type OnReadError } from './mail-sources.js';
import type { Output } from './output.js';

/** Files per batch: large enough that messaging costs little, small enough to balance the threads. */
const BATCH_FILES = 32;
/** Batches queued per worker, so that it never waits for the main thread between two. */
const IN_FLIGHT = 2;

export async function writeJsonLinesThreaded(
  paths: string[],
  threads: number,
  onError: OnReadError,
  out: Output,
): Promise<void> {
  const batches = batchesOf(files(paths, onError));
  const workers = Array.from(
    { length: threads - 1 },
    () => new Worker(new URL('./classify-worker.js', import.meta.url)),
  );
  const done = new Map<number, BatchResult>();
  const load = new Map<Worker, number>(workers.map((worker) => [worker, 0]));
  let sent = 0;
  let written = 0;
  let exhausted = false;
  let failure: unknown;
  /** Resolves the main thread's wait for the workers, when it has nothing of its own left to do. */
  let wake: (() => void) | undefined;
  const fail = (error: unknown): void => {
    failure ??= error;
    wake?.();
  };

  const take = (): Batch | undefined => {
    if (exhausted) return undefined;
    const next = batches.next();
    if (next.done) exhausted = true;
    return next.done ? undefined : { seq: sent++, paths: next.value };
  };
  const feed = (worker: Worker): void => {
    for (let batch; (load.get(worker) ?? 0) < IN_FLIGHT && (batch = take()) !== undefined;) {
      worker.postMessage(batch);
      load.set(worker, (load.get(worker) ?? 0) + 1);
    }
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
      load.set(worker, (load.get(worker) ?? 1) - 1);
      done.set(result.seq, result);
      try {
        writeReady();
        feed(worker);
      } catch (error) {
        fail(error);
      }
      wake?.();
    });
    worker.on('error', fail);
    worker.on('exit', (code) => fail(new Error(`a classify worker stopped (exit ${code})`)));
  }

  const reader = new FileReader();
  try {
    while (failure === undefined && !(exhausted && written === sent)) {
      for (const worker of workers) feed(worker);
      const own = take();
      if (own === undefined) {
        if (written === sent) break;
        // Nothing left for the main thread: sleep until a worker answers.
        await new Promise<void>((resolve) => (wake = resolve));
        wake = undefined;
        continue;
      }
      done.set(own.seq, runBatch(own, reader));
      writeReady();
      // Let the workers' answers in before the next batch of its own.
      await nextTurn();
    }
    if (failure !== undefined) throw failure;
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The files to read: a directory's files in walk order, any other path as given (reading it reports why it cannot be read). */
function* files(paths: string[], onError: OnReadError): Generator<string> {
  for (const path of paths) {
    if (isDirectory(path)) yield* filesUnder(path, onError);
    else yield path;
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path, { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false; // whatever stat could not tell, reading the path will report
  }
}

function* batchesOf(paths: Iterable<string>): Generator<string[]> {
  let batch: string[] = [];
  for (const path of paths) {
    batch.push(path);
    if (batch.length === BATCH_FILES) {
      yield batch;
      batch = [];
    }
  }
  if (batch.length > 0) yield batch;
}
