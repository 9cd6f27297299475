/**
 * Splits the bytes of one file into mail messages. Pure: no I/O, no copies (messages are views of the
 * input).
 *
 * A file whose first line starts with 'From ' is an mbox (RFC 4155): a message starts at the file start
 * and after every 'From ' line that follows a blank line; the 'From ' separator lines and the blank line
 * before each separator belong to the mbox format, not to the messages, so both are left out. Any other
 * file is one message.
 *
 * The newline style (LF, CRLF or CR alone) is taken from the first line, so that the separator can be
 * found with a single Buffer.indexOf per message instead of a scan of every line.
 */

const FROM = Buffer.from('From ');
/** 'a:b', the shortest header line: anything shorter (or blank) holds no message. */
const MIN_MESSAGE_LENGTH = 3;

const LF = 0x0a;
const CR = 0x0d;

export function isMbox(bytes: Uint8Array): boolean {
  return bytes.length >= FROM.length && asBuffer(bytes).subarray(0, FROM.length).equals(FROM);
}

export function splitMbox(bytes: Uint8Array): Buffer[] {
  const buf = asBuffer(bytes);
  if (!isMbox(buf)) return hasMessage(buf, 0, buf.length) ? [buf] : [];

  const newline = newlineOf(buf);
  // "<newline><newline>From ": the blank line before the separator, then the separator itself.
  const separator = Buffer.concat([newline, newline, FROM]);
  const messages: Buffer[] = [];
  let lineStart = 0; // start of the current 'From ' line
  for (;;) {
    const bodyStart = endOfLine(buf, lineStart);
    // Back up over the newline ending the 'From ' line: it may be the first half of the next separator
    // when the message is empty.
    const next = buf.indexOf(separator, Math.max(lineStart, bodyStart - newline.length));
    // The message keeps the newline that ends its last line, not the blank line after it.
    const bodyEnd = next === -1 ? buf.length : next + newline.length;
    if (hasMessage(buf, bodyStart, bodyEnd)) messages.push(buf.subarray(bodyStart, bodyEnd));
    if (next === -1) return messages;
    lineStart = next + 2 * newline.length;
  }
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** The newline ending the first line; LF when the file is a single line. */
function newlineOf(buf: Buffer): Buffer {
  const end = endOfLine(buf, 0);
  if (buf[end - 1] === CR) return Buffer.from('\r');
  if (buf[end - 1] === LF && buf[end - 2] === CR) return Buffer.from('\r\n');
  return Buffer.from('\n');
}

/** Index just past the newline that ends the line starting at `start`, or the end of the buffer. */
function endOfLine(buf: Buffer, start: number): number {
  for (let i = start; i < buf.length; i++) {
    const c = buf[i];
    if (c === LF) return i + 1;
    if (c === CR) return buf[i + 1] === LF ? i + 2 : i + 1;
  }
  return buf.length;
}

/** True unless the range is blank or too short to hold a header line. */
function hasMessage(buf: Buffer, start: number, end: number): boolean {
  let first = start;
  let last = end;
  while (first < last && isSpace(buf[first])) first++;
  while (last > first && isSpace(buf[last - 1])) last--;
  return last - first >= MIN_MESSAGE_LENGTH;
}

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x09 || c === LF || c === CR;
}
