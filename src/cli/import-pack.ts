/**
 * The mails of one import batch, copied one after another into one buffer. A batch so crosses to a worker
 * thread as one buffer (one copy of a few MB) instead of a thousand small ones: a new ArrayBuffer per mail
 * cost more than the copy itself (an allocation, zero-filled, then tracked by the garbage collector).
 */

const INITIAL_BYTES = 1 << 20;

export class MailPack {
  private data: Buffer;
  /** Where each mail ends in `data`; mail i starts where mail i - 1 ends. */
  readonly ends: number[] = [];
  private used = 0;

  /** `expectedBytes`: room for this much, so that a pack sized right is never copied to grow. */
  constructor(expectedBytes = INITIAL_BYTES) {
    this.data = Buffer.allocUnsafeSlow(Math.max(expectedBytes, 1024));
  }

  get count(): number {
    return this.ends.length;
  }

  get bytes(): number {
    return this.used;
  }

  add(mail: Uint8Array): void {
    if (this.used + mail.byteLength > this.data.byteLength) this.grow(this.used + mail.byteLength);
    this.data.set(mail, this.used);
    this.used += mail.byteLength;
    this.ends.push(this.used);
  }

  /** The buffer and the ends, as sent to a worker (which rebuilds the views with mailsOf). */
  packed(): PackedMails {
    return { data: this.data.subarray(0, this.used), ends: this.ends };
  }

  private grow(needed: number): void {
    let size = this.data.byteLength * 2;
    while (size < needed) size *= 2;
    const bigger = Buffer.allocUnsafeSlow(size);
    bigger.set(this.data.subarray(0, this.used));
    this.data = bigger;
  }
}

export interface PackedMails {
  data: Uint8Array;
  ends: number[];
}

/** Each mail of a pack, as a view into its buffer. */
export function mailsOf({ data, ends }: PackedMails): Uint8Array[] {
  return ends.map((end, i) => data.subarray(i === 0 ? 0 : (ends[i - 1] as number), end));
}
