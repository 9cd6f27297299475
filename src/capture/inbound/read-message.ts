/**
 * Reads one message's DATA stream into memory, keeping at most `maxBytes`: past the limit the rest is
 * drained and counted, not kept, so an oversized mail costs no more memory than an allowed one.
 */
import type { Readable } from 'node:stream';

export type ReadOutcome =
  | { kind: 'complete'; raw: Buffer }
  | { kind: 'oversized'; bytes: number }
  /** The client went away (or the stream broke) before the final dot: nothing may be stored. */
  | { kind: 'aborted'; error: Error };

export function readMessage(stream: Readable, maxBytes: number): Promise<ReadOutcome> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let bytes = 0;
    let settled = false;
    const settle = (outcome: ReadOutcome): void => {
      if (settled) return;
      settled = true;
      resolve(outcome);
    };
    stream.on('data', (chunk: Buffer) => {
      bytes += chunk.length;
      if (bytes <= maxBytes) chunks.push(chunk);
    });
    stream.once('end', () =>
      settle(
        bytes > maxBytes
          ? { kind: 'oversized', bytes }
          : { kind: 'complete', raw: Buffer.concat(chunks, bytes) },
      ),
    );
    stream.once('error', (error) => settle({ kind: 'aborted', error }));
    // 'close' without 'end': destroyed without an error. After 'end' this is a no-op.
    stream.once('close', () => settle({ kind: 'aborted', error: new Error('message stream closed early') }));
  });
}
