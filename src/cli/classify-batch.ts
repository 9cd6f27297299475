/**
 * One batch of files of `rebound classify --threads N`: read, classify, and the JSON lines exactly as
 * one thread would write them. Run by the worker threads and by the main thread alike.
 */
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

export function runBatch(batch: Batch, reader: FileReader): BatchResult {
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
