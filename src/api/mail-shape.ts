/**
 * Is this body a mail at all? RFC 5322 section 2.2: a message starts with a header field, a name of
 * printable ASCII but ':' followed by ':'. An mbox "From " envelope line before it is tolerated, since
 * clients paste mbox entries. A mail that is no bounce passes: only a body with no header block fails.
 */
const COLON = 0x3a;
const LF = 0x0a;
/** RFC 5322 does not bound a field name; real ones are short, and the scan must stay cheap. */
const MAX_FIELD_NAME = 998;
const MBOX_FROM = Buffer.from('From ');

export function looksLikeMail(bytes: Uint8Array): boolean {
  let start = 0;
  if (startsWith(bytes, MBOX_FROM, 0)) {
    const end = bytes.indexOf(LF);
    if (end === -1) return false;
    start = end + 1;
  }
  const limit = Math.min(bytes.length, start + MAX_FIELD_NAME + 1);
  for (let i = start; i < limit; i++) {
    const byte = bytes[i] as number;
    if (byte === COLON) return i > start;
    if (byte < 33 || byte > 126) return false;
  }
  return false;
}

function startsWith(bytes: Uint8Array, prefix: Uint8Array, at: number): boolean {
  if (bytes.length < at + prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) if (bytes[at + i] !== prefix[i]) return false;
  return true;
}
