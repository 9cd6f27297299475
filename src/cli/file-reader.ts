/**
 * Reads whole files into one buffer that is reused from file to file. Against readFileSync this saves an
 * fstat and a buffer allocation per file, about 40% of the time it takes to read a directory of small
 * mails; the price is that what read() returns is overwritten by the next read().
 */
import { closeSync, openSync, readSync } from 'node:fs';

const INITIAL_SIZE = 1 << 20;

export class FileReader {
  private scratch = Buffer.allocUnsafe(INITIAL_SIZE);

  /**
   * The file's bytes, valid until the next call. Throws as readFileSync would (EISDIR for a directory).
   * `regular`: the caller knows the path is a regular file, where a read that returns less than asked
   * has reached the end; that spares the read that would return 0, one system call per file. Pipes and
   * devices return short reads before their end, so for a path from the command line it stays false.
   */
  read(path: string, regular = false): Buffer {
    const fd = openSync(path, 'r');
    try {
      let length = 0;
      for (;;) {
        if (length === this.scratch.length) this.grow(length);
        const asked = this.scratch.length - length;
        const count = readSync(fd, this.scratch, length, asked, null);
        length += count;
        if (count === 0 || (regular && count < asked)) return this.scratch.subarray(0, length);
      }
    } finally {
      closeSync(fd);
    }
  }

  private grow(keep: number): void {
    const bigger = Buffer.allocUnsafe(this.scratch.length * 2);
    this.scratch.copy(bigger, 0, 0, keep);
    this.scratch = bigger;
  }
}
