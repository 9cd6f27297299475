/**
 * Buffered synchronous stdout. One write per ~64 KB instead of one per line; writes are synchronous so
 * that a closed pipe (`rebound classify DIR | head`) is noticed at once and the work can stop.
 */
import { writeSync } from 'node:fs';

const CHUNK_BYTES = 64 * 1024;
const STDOUT_FD = 1;

/** Thrown by write() and flush() once the reader has gone away; callers stop quietly. */
export class OutputClosed extends Error {}

export class Output {
  private pending: string[] = [];
  private pendingLength = 0;

  constructor(private readonly fd: number = STDOUT_FD) {}

  write(text: string): void {
    this.pending.push(text);
    // String length counts UTF-16 units, close enough to bytes to size a chunk.
    this.pendingLength += text.length;
    if (this.pendingLength >= CHUNK_BYTES) this.flush();
  }

  flush(): void {
    if (this.pendingLength === 0) return;
    const bytes = Buffer.from(this.pending.join(''));
    this.pending = [];
    this.pendingLength = 0;
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += writeSync(this.fd, bytes, offset);
      } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        if (code === 'EPIPE') throw new OutputClosed();
        // A non-blocking pipe inherited from the parent is full: wait for the reader.
        if (code === 'EAGAIN') sleep(1);
        else throw error;
      }
    }
  }
}

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleep(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}
