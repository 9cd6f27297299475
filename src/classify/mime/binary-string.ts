import { constants, isAscii } from 'node:buffer';

/**
 * The parser works on "binary strings": one char per byte (latin1), so indexOf and slice run at native
 * speed on raw mail and only the parts someone reads are ever charset-decoded.
 */
export function toBinaryString(raw: Uint8Array | string): string {
  if (typeof raw === 'string') {
    // A string that already holds characters above U+00FF was decoded text: give it back its UTF-8 bytes.
    return /[\u0100-\uffff]/.test(raw) ? Buffer.from(raw, 'utf8').toString('latin1') : raw;
  }
  // Longer than V8's largest string cannot be represented: keep what fits rather than throw.
  const length = Math.min(raw.byteLength, constants.MAX_STRING_LENGTH);
  return Buffer.from(raw.buffer, raw.byteOffset, length).toString('latin1');
}

/**
 * Whether raw mail bytes are all 7-bit and hold no ESC (which starts ISO-2022 shifts): then every
 * charset this parser knows, but UTF-16, reads them as themselves. Vectorised scans, far cheaper than
 * testing the decoded parts' text one by one.
 */
export function isPlainAscii(raw: Uint8Array): boolean {
  const bytes = Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength);
  return isAscii(bytes) && bytes.indexOf(0x1b) === -1;
}

/** CRLF and lone CR become LF, so every later scan only looks for '\n'. */
export function normaliseNewlines(text: string): string {
  return text.indexOf('\r') === -1 ? text : text.replace(/\r\n?/g, '\n');
}

/** The bytes of a binary string, without copying through an intermediate array. */
export function toBytes(binary: string): Buffer {
  return Buffer.from(binary, 'latin1');
}
