/**
 * A worker thread of `rebound classify --threads N`: claims batches until none is left, posting each
 * result as it is done. It never waits for the main thread, so it never idles while work remains.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { claim, runBatch, type Work } from './classify-batch.js';
import { FileReader } from './file-reader.js';

const work = workerData as Work;
const reader = new FileReader();
for (let seq = claim(work); seq !== undefined; seq = claim(work)) {
  parentPort?.postMessage(runBatch(work, seq, reader));
}
