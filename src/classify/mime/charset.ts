import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { toBytes } from './binary-string.js';

/**
 * Labels mail software writes that the WHATWG encoding table (what TextDecoder knows) lacks.
 * ISO-2022-JP-2/-3 are supersets whose extra sets are almost never used in practice.
 */
const ALIASES: Record<string, string> = {
  cp932: 'shift_jis',
  'ms-932': 'shift_jis',
  'x-ms-cp932': 'shift_jis',
  'shift-jisx0213': 'shift_jis',
  'iso-2022-jp-1': 'iso-2022-jp',
  'iso-2022-jp-2': 'iso-2022-jp',
  'iso-2022-jp-3': 'iso-2022-jp',
  'iso-2022-jp-2004': 'iso-2022-jp',
  cp949: 'euc-kr',
  ks_c_5601: 'euc-kr',
  'ks_c_5601-1989': 'euc-kr',
  'x-windows-949': 'euc-kr',
  'euc-jisx0213': 'euc-jp',
  cp936: 'gbk',
  cp950: 'big5',
};

/**
 * US-ASCII is what RFC 2045 assumes when nothing is declared, and it is the label most often wrong:
 * undeclared UTF-8 hides behind it. WHATWG maps it to windows-1252, which would garble that UTF-8,
 * so these labels take the tolerant path instead.
 */
const ASCII_LABELS = new Set('us-ascii ascii ansi_x3.4-1968 iso646-us us csascii 7bit 8bit'.split(' '));

/** Bounded so a stream of mails with made-up labels cannot grow it without limit. */
const CACHE_LIMIT = 256;
/** No real label is longer; longer ones are junk not worth caching (a header can be megabytes). */
const LABEL_LIMIT = 64;
const decoders = new Map<string, TextDecoder | null>();
const fallbackDecoder = new TextDecoder('windows-1252');

function cleanLabel(label: string): string {
  let clean = label.trim().toLowerCase();
  if (clean.startsWith('"') || clean.startsWith("'")) clean = clean.replace(/["']/g, '');
  // RFC 2231 section 5: a language tag may follow the charset after '*'.
  const star = clean.indexOf('*');
  return star === -1 ? clean : clean.slice(0, star);
}

/** The decoder for a label, or null when the label is missing, ASCII or unknown (then the tolerant path). */
export function decoderFor(label: string | undefined): TextDecoder | null {
  if (label === undefined || label.length > LABEL_LIMIT) return null;
  const cached = decoders.get(label);
  if (cached !== undefined) return cached;
  const clean = cleanLabel(label);
  let decoder: TextDecoder | null = null;
  if (clean !== '' && !ASCII_LABELS.has(clean)) {
    try {
      decoder = new TextDecoder(ALIASES[clean] ?? clean);
    } catch {
      decoder = null; // RangeError: a label TextDecoder does not know
    }
  }
  if (decoders.size >= CACHE_LIMIT) decoders.clear();
  decoders.set(label, decoder);
  return decoder;
}

/**
 * ISO-2022-JP is 7-bit. Under that label, 8-bit bytes are UTF-8, EUC-JP or Shift_JIS mislabelled (a habit of
 * Japanese carriers' MTAs): try them strictly in that order, Shift_JIS last and lenient.
 */
const eucJpStrict = new TextDecoder('euc-jp', { fatal: true });
const shiftJis = new TextDecoder('shift_jis');
/**
 * An escape sequence directly followed by another does nothing, but WHATWG decoding turns it into U+FFFD;
 * joined RFC 2047 words produce exactly that (`ESC ( B` ending one word, `ESC $ B` starting the next).
 */
// eslint-disable-next-line no-control-regex -- ISO-2022-JP escape sequences are what this removes
const IDLE_ESCAPE = /\x1b(?:\([BJI]|\$[@B])(?=\x1b)/g;

function decodeIso2022Jp(binary: string, bytes: Buffer, ascii: boolean, decoder: TextDecoder): string {
  if (ascii) {
    const cleaned = binary.replace(IDLE_ESCAPE, '');
    return decoder.decode(cleaned === binary ? bytes : toBytes(cleaned));
  }
  if (isUtf8(bytes)) return bytes.toString('utf8');
  try {
    return eucJpStrict.decode(bytes);
  } catch {
    return shiftJis.decode(bytes);
  }
}

function decodeWith(decoder: TextDecoder, binary: string, bytes: Buffer, ascii: boolean): string {
  return decoder.encoding === 'iso-2022-jp'
    ? decodeIso2022Jp(binary, bytes, ascii, decoder)
    : decoder.decode(bytes);
}

// eslint-disable-next-line no-control-regex -- ESC is the point: it starts ISO-2022 shifts
const NOT_PLAIN_ASCII = /[\x1b\x80-\xff]/;

/**
 * Decodes a binary string in the declared charset. Missing, ASCII or unknown charset: UTF-8 when the
 * bytes are valid UTF-8, else the `fallback` charset (a hint such as the body's charset), else
 * windows-1252, which maps every byte. `plainAscii`: the caller knows the string holds no char above
 * 0x7f and no ESC, which spares the test. Never throws.
 */
export function decodeBytes(binary: string, label?: string, fallback?: string, plainAscii = false): string {
  const decoder = decoderFor(label);
  const wide = decoder !== null && decoder.encoding.startsWith('utf-16');
  // Most of a bounce is ASCII, which every ASCII-compatible charset maps to itself: test the string
  // before copying it into a buffer (ESC excluded: ISO-2022-JP is 7-bit but not ASCII).
  if (!wide && (plainAscii || !NOT_PLAIN_ASCII.test(binary))) return binary;
  const bytes = toBytes(binary);
  const ascii = isAscii(bytes);
  if (decoder !== null) return decodeWith(decoder, binary, bytes, ascii);
  if (isUtf8(bytes)) return bytes.toString('utf8');
  const hint = decoderFor(fallback);
  return hint === null ? fallbackDecoder.decode(bytes) : decodeWith(hint, binary, bytes, ascii);
}
