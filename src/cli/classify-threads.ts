/**
 * `rebound classify --threads N`: the files are classified by N worker threads in batches, and the
 * lines written in the order one thread would write them (a batch's lines wait until every earlier
 * batch is out). The main thread walks the directories and writes; the workers read and classify.
 */
import { statSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import type { Batch, BatchResult } from './classify-worker.js';
import { filesUnder, type OnReadError } from './mail-sources.js';
import type { Output } from './output.js';

/** Files per message to a worker: large enough that the messaging costs little, small enough to balance. */
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
    { length: threads },
    () => new Worker(new URL('./classify-worker.js', import.meta.url)),
  );
  try {
    await new Promise<void>((resolve, reject) => {
      const done = new Map<number, BatchResult>();
      const load = new Map<Worker, number>(workers.map((worker) => [worker, 0]));
      let sent = 0;
      let written = 0;
      let exhausted = false;
      const feed = (worker: Worker): void => {
        while (!exhausted && (load.get(worker) ?? 0) < IN_FLIGHT) {
          const next = batches.next();
          if (next.done) {
            exhausted = true;
            break;
          }
          const batch: Batch = { seq: sent++, paths: next.value };
          worker.postMessage(batch);
          load.set(worker, (load.get(worker) ?? 0) + 1);
        }
        if (exhausted && written === sent) resolve();
      };
      for (const worker of workers) {
        worker.on('message', (result: BatchResult) => {
          try {
            load.set(worker, (load.get(worker) ?? 1) - 1);
            done.set(result.seq, result);
            for (let ready = done.get(written); ready !== undefined; ready = done.get(written)) {
              done.delete(written++);
              for (const [path, reason] of ready.errors) onError(path, reason);
              out.write(ready.lines);
            }
            feed(worker);
          } catch (error) {
            reject(error as Error);
          }
        });
        worker.on('error', reject);
        worker.on('exit', (code) => reject(new Error(`a classify worker stopped (exit ${code})`)));
      }
      try {
        for (const worker of workers) feed(worker);
      } catch (error) {
        reject(error as Error);
      }
    });
  } finally {
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The files to read: a directory's files in walk order, any other path as given (its worker reports why it cannot be read). */
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

function* batchesOf(paths: Iterator<string> & Iterable<string>): Generator<string[]> {
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
