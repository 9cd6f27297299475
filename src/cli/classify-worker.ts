/** A worker thread of `rebound classify --threads N`: answers each batch it is sent with its result. */
import { parentPort } from 'node:worker_threads';
import { runBatch, type Batch } from './classify-batch.js';
import { FileReader } from './file-reader.js';

const reader = new FileReader();

parentPort?.on('message', (batch: Batch) => parentPort?.postMessage(runBatch(batch, reader)));
