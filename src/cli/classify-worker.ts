/**
 * A worker thread of `rebound classify --threads N`: reads the files of each batch it is sent,
 * classifies their messages and answers with the batch's JSON lines, exactly as one thread would write
 * them. Reading happens here too, so the main thread only walks directories and writes.
 */
import { parentPort } from 'node:worker_threads';
import { FileReader } from './file-reader.js';
import { jsonLine } from './json-line.js';
import { reasonOf, split } from './mail-sources.js';

export interface Batch {
  seq: number;
  paths: string[];
}

export interface BatchResult {
  seq: number;
  lines: string;
  /** [path, reason] of each file that could not be read. */
  errors: [string, string][];
}

const reader = new FileReader();

function run(batch: Batch): BatchResult {
  let lines = '';
  const errors: [string, string][] = [];
  for (const path of batch.paths) {
    let bytes: Buffer;
    try {
      bytes = reader.read(path);
    } catch (error) {
      errors.push([path, reasonOf(error)]);
      continue;
    }
    for (const message of split(path, bytes)) lines += jsonLine(message.source, message.index, message.bytes);
  }
  return { seq: batch.seq, lines, errors };
}

parentPort?.on('message', (batch: Batch) => parentPort?.postMessage(run(batch)));
