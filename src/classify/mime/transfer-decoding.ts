/** RFC 2045 section 6: content transfer encodings, binary string in, binary string out. */

/**
 * Base64, tolerant: Node's decoder skips whitespace and junk characters and accepts missing padding,
 * but stops at the first '='. Some encoders pad every line (concatenated chunks), so decode each
 * padded run on its own when '=' occurs before the end.
 */
export function decodeBase64(text: string): string {
  const firstPad = text.indexOf('=');
  if (firstPad === -1 || onlyPaddingFrom(text, firstPad))
    return Buffer.from(text, 'base64').toString('latin1');
  const chunks: string[] = [];
  let from = 0;
  let pad = firstPad;
  while (pad !== -1) {
    chunks.push(Buffer.from(text.slice(from, pad), 'base64').toString('latin1'));
    from = pad;
    while (from < text.length && isPadOrSpace(text.charCodeAt(from))) from++;
    pad = text.indexOf('=', from);
  }
  chunks.push(Buffer.from(text.slice(from), 'base64').toString('latin1'));
  return chunks.join('');
}

function isPadOrSpace(code: number): boolean {
  return code === 0x3d || code === 0x20 || code === 0x09 || code === 0x0a;
}

function onlyPaddingFrom(text: string, from: number): boolean {
  for (let i = from; i < text.length; i++) if (!isPadOrSpace(text.charCodeAt(i))) return false;
  return true;
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30;
  const lower = code | 0x20;
  if (lower >= 0x61 && lower <= 0x66) return lower - 0x57;
  return -1;
}

/** One-char strings for every byte, so decoding an escape allocates nothing. */
const BYTE_CHARS = Array.from({ length: 256 }, (_, byte) => String.fromCharCode(byte));

/**
 * Quoted-printable (RFC 2045 section 6.7): `=XX` escapes and soft line breaks (`=` at the end of a
 * line, tolerating whitespace an MTA added after it). A malformed escape is kept as written.
 * Expects LF newlines.
 */
export function decodeQuotedPrintable(text: string): string {
  let eq = text.indexOf('=');
  if (eq === -1) return text;
  const out: string[] = [];
  let from = 0;
  while (eq !== -1) {
    if (eq > from) out.push(text.slice(from, eq));
    const high = hexValue(text.charCodeAt(eq + 1));
    const low = high === -1 ? -1 : hexValue(text.charCodeAt(eq + 2));
    if (low !== -1) {
      out.push(BYTE_CHARS[(high << 4) | low] as string);
      from = eq + 3;
    } else {
      let after = eq + 1;
      while (after < text.length && (text.charCodeAt(after) === 0x20 || text.charCodeAt(after) === 0x09))
        after++;
      if (after >= text.length) from = after;
      else if (text.charCodeAt(after) === 0x0a) from = after + 1;
      else {
        out.push('=');
        from = eq + 1;
      }
    }
    eq = text.indexOf('=', from);
  }
  if (from < text.length) out.push(text.slice(from));
  return out.join('');
}

/** Undoes a Content-Transfer-Encoding; 7bit, 8bit, binary and unknown ones pass through. */
export function decodeTransfer(body: string, encoding: string | undefined): string {
  if (encoding === undefined) return body;
  const name = encoding.trim().toLowerCase();
  if (name === 'base64') return decodeBase64(body);
  if (name === 'quoted-printable') return decodeQuotedPrintable(body);
  return body;
}
