import type { HeaderView } from '../types.js';
import { decodeBytes } from './charset.js';
import { parseContentType } from './content-type.js';
import { decodeEncodedWords } from './encoded-word.js';

/**
 * A name index pays for itself above this many fields, or once a block has been searched this many
 * times: a MIME part's block is asked for two names, a bounce's own block for a hundred (every decoder
 * tests its headers), and a scan compares the name with each field name in turn.
 */
const INDEX_THRESHOLD = 32;
const SCANS_BEFORE_INDEX = 6;
const HIGH_BYTE = /[\x80-\xff]/;
/** A char above U+00FF means the block was given as decoded text (e.g. a leaf's text()), not bytes. */
const WIDE_CHAR = /[\u0100-\uffff]/;

/**
 * A parsed header block. Values stay where they are in the mail (offsets into its text) and are sliced,
 * unfolded and decoded on first read: most of a bounce's headers are never looked at.
 */
export class HeaderBlock implements HeaderView {
  /** Allocated on the first decoded read: of most MIME parts, only the structured fields are read. */
  private decoded: (string | undefined)[] | undefined;
  /** Name -> its first field; with `later`, field -> the next field of the same name, or -1. */
  private index: Map<string, number> | undefined;
  private later: Int32Array | undefined;
  private scans = 0;

  /**
   * @param keys lower-case field names
   * @param spans per field: value start, value end, and 1 when folded (three numbers a field)
   */
  constructor(
    private readonly text: string,
    private readonly keys: readonly string[],
    private readonly spans: readonly number[],
  ) {}

  get size(): number {
    return this.keys.length;
  }

  get(name: string): string | undefined {
    const i = this.first(name.toLowerCase());
    return i === -1 ? undefined : this.value(i);
  }

  getAll(name: string): string[] {
    return this.positions(name.toLowerCase()).map((i) => this.value(i));
  }

  has(name: string): boolean {
    return this.first(name.toLowerCase()) !== -1;
  }

  names(): string[] {
    return this.keys.slice();
  }

  /** The first value as written (unfolded, no RFC 2047 or charset decoding): for structured fields. */
  raw(name: string): string | undefined {
    const i = this.first(name.toLowerCase());
    return i === -1 ? undefined : this.rawValue(i);
  }

  private rawValue(i: number): string {
    const value = this.text.slice(this.spans[3 * i], this.spans[3 * i + 1]);
    // Unfolding (RFC 5322 section 2.2.3) removes the line breaks and keeps the whitespace after them.
    return this.spans[3 * i + 2] === 1 ? value.replaceAll('\n', '') : value;
  }

  private value(i: number): string {
    const decoded = (this.decoded ??= new Array<string | undefined>(this.keys.length));
    const cached = decoded[i];
    if (cached !== undefined) return cached;
    const raw = this.rawValue(i).trim();
    // Most values are plain ASCII. The rest is decoded out of line, so that this lookup, inlined into
    // every decoder's header tests, carries no code that runs without type feedback until an 8-bit
    // header comes (a deoptimisation and a recompile of whatever inlined it).
    const value = raw.indexOf('=?') === -1 && !HIGH_BYTE.test(raw) ? raw : this.decodeValue(raw);
    decoded[i] = value;
    return value;
  }

  private decodeValue(raw: string): string {
    let value = raw;
    // Unencoded 8-bit headers happen (UTF-8, Shift_JIS): the block's own charset is the best guess after UTF-8.
    if (HIGH_BYTE.test(value) && !WIDE_CHAR.test(value)) value = decodeBytes(value, undefined, this.hint());
    if (value.indexOf('=?') !== -1) value = decodeEncodedWords(value);
    return value;
  }

  /**
   * Not cached on the block: a field set to null at construction and to a string on the first 8-bit
   * header changed the field's type, which threw away the optimised code of the header parser (it
   * constructs blocks). Parsing the Content-Type again costs little next to decoding an 8-bit value.
   */
  private hint(): string | undefined {
    return parseContentType(this.raw('content-type')).params.get('charset');
  }

  private first(lower: string): number {
    if (this.scanned()) return this.keys.indexOf(lower);
    return this.buildIndex().get(lower) ?? -1;
  }

  private positions(lower: string): number[] {
    const found: number[] = [];
    if (this.scanned()) {
      for (let i = 0; i < this.keys.length; i++) if (this.keys[i] === lower) found.push(i);
      return found;
    }
    const later = this.later!;
    for (let i = this.buildIndex().get(lower) ?? -1; i !== -1; i = later[i]!) found.push(i);
    return found;
  }

  /** Should this lookup scan the names rather than use (and first build) the index? */
  private scanned(): boolean {
    return (
      this.index === undefined && this.keys.length <= INDEX_THRESHOLD && ++this.scans <= SCANS_BEFORE_INDEX
    );
  }

  private buildIndex(): Map<string, number> {
    if (this.index !== undefined) return this.index;
    // Built backwards, so that each name ends up mapped to its first field, each field chained to the next.
    const index = new Map<string, number>();
    const later = new Int32Array(this.keys.length);
    for (let i = this.keys.length - 1; i >= 0; i--) {
      const key = this.keys[i]!;
      later[i] = index.get(key) ?? -1;
      index.set(key, i);
    }
    this.later = later;
    this.index = index;
    return index;
  }
}

export interface HeaderParse {
  headers: HeaderBlock;
  /** Offset of the body: after the blank line, or the first line that is not a header. */
  bodyStart: number;
}

/**
 * Parses the header block at `start` of an LF-normalised binary string (or already-decoded text) in
 * one pass (RFC 5322 section 2.2). A line that is neither a field nor a continuation ends the block (the body starts there, as
 * when the blank separator line is missing), except one garbage first line (an mbox "From " line, a
 * stray banner) directly followed by a field, which is skipped.
 */
export function parseHeaderBlock(text: string, start = 0): HeaderParse {
  const fields = new FieldList();
  const end = text.length;
  // The field being read: its value runs from valueStart to valueEnd (-1: none yet).
  let valueStart = -1;
  let valueEnd = -1;
  let folded = false;
  let pos = start;
  let bodyStart = end;
  while (pos < end) {
    const newline = text.indexOf('\n', pos);
    const lineEnd = newline === -1 ? end : newline;
    const next = newline === -1 ? end : newline + 1;
    const code = text.charCodeAt(pos);
    if ((code === 0x20 || code === 0x09) && valueStart !== -1) {
      folded = true;
      valueEnd = lineEnd;
      pos = next;
      continue;
    }
    const colon = lineEnd === pos ? -1 : fieldColon(text, pos, lineEnd);
    if (colon === -1 && lineEnd !== pos && pos === start && isFieldLine(text, next)) {
      pos = next;
      continue;
    }
    if (valueStart !== -1) {
      fields.addSpan(valueStart, valueEnd, folded);
      valueStart = -1;
    }
    if (colon === -1) {
      bodyStart = lineEnd === pos ? next : pos;
      break;
    }
    fields.addKey(FIELD_NAMES.lowerCase(text, pos, nameScan.end, nameScan.hash));
    valueStart = colon + 1;
    valueEnd = lineEnd;
    folded = false;
    pos = next;
  }
  if (valueStart !== -1) fields.addSpan(valueStart, valueEnd, folded);
  return { headers: new HeaderBlock(text, fields.keys(), fields.spans()), bodyStart };
}

/**
 * The names and spans of the block being parsed, gathered in scratch arrays shared by every parse (a
 * parse does not nest) and copied out once at the end at their exact size: growing arrays were most of
 * what parsing a header block allocated. Plain arrays of small integers, written in order (so they
 * grow by appending when a block is bigger than any before), copied out by slice.
 */
class FieldList {
  private static readonly names: string[] = [];
  private static readonly numbers: number[] = new Array<number>(3 * 256).fill(0);
  private keyCount = 0;
  private spanLength = 0;

  addKey(name: string): void {
    FieldList.names[this.keyCount++] = name;
  }

  addSpan(start: number, end: number, folded: boolean): void {
    FieldList.numbers[this.spanLength++] = start;
    FieldList.numbers[this.spanLength++] = end;
    FieldList.numbers[this.spanLength++] = folded ? 1 : 0;
  }

  keys(): string[] {
    return FieldList.names.slice(0, this.keyCount);
  }

  spans(): number[] {
    return FieldList.numbers.slice(0, this.spanLength);
  }
}

function isFieldLine(text: string, from: number): boolean {
  if (from >= text.length) return false;
  const newline = text.indexOf('\n', from);
  return fieldColon(text, from, newline === -1 ? text.length : newline) !== -1;
}
/**
 * Where fieldColon() found the name to end and the name's hash (see FieldNames), so that the name's
 * characters are read once: a scratch shared by every parse, as they do not nest.
 */
const nameScan = { end: 0, hash: 0 };

/**
 * The colon ending a field name (printable ASCII but ':', then optional whitespace), or -1. One loop
 * reads the name and the blanks after it: a second loop for the blanks, which almost no mail has, was
 * optimised without type feedback, so the first mail with them deoptimised the header parser.
 */
function fieldColon(text: string, from: number, lineEnd: number): number {
  let hash = 0;
  let nameEnd = from;
  let blanks = false;
  for (let at = from; at < lineEnd; at++) {
    const code = text.charCodeAt(at);
    if (code === 0x3a) {
      if (nameEnd === from) return -1;
      nameScan.end = nameEnd;
      nameScan.hash = hash;
      return at;
    }
    if (code === 0x20 || code === 0x09) {
      blanks = true;
      continue;
    }
    if (blanks || code < 0x21 || code > 0x7e) return -1;
    hash = nameHash(hash, code);
    nameEnd = at + 1;
  }
  return -1;
}

/**
 * The hash of a field name, one character at a time: equal for names equal but for ASCII case. Setting
 * bit 0x20 lower-cases letters without a branch; it also merges a few pairs of other characters, which
 * only costs a rare extra comparison in sameLowerCase.
 */
function nameHash(hash: number, code: number): number {
  return (Math.imul(hash, 31) + (code | 0x20)) | 0;
}

/**
 * The lower-case field names seen so far, shared by every block: a name is found again from its
 * characters in the text, so that the few dozen names of a mail cost no new string each (slicing and
 * lower-casing each field's name was a tenth of what classifying a mail allocates). Open addressing
 * over a fixed table, which stops taking new names once half full so that odd names cannot grow it.
 */
class FieldNames {
  private readonly table = new Array<string | undefined>(FIELD_NAME_SLOTS).fill(undefined);
  private count = 0;

  /** text.slice(from, end).toLowerCase(), for a field name (printable ASCII, no colon) of that nameHash. */
  lowerCase(text: string, from: number, end: number, hash: number): string {
    let slot = hash & (FIELD_NAME_SLOTS - 1);
    for (let known = this.table[slot]; known !== undefined; known = this.table[slot]) {
      if (sameLowerCase(known, text, from, end)) return known;
      slot = (slot + 1) & (FIELD_NAME_SLOTS - 1);
    }
    const name = text.slice(from, end).toLowerCase();
    if (this.count < FIELD_NAME_SLOTS / 2) {
      this.table[slot] = name;
      this.count++;
    }
    return name;
  }
}

/** A power of two. */
const FIELD_NAME_SLOTS = 4096;
const FIELD_NAMES = new FieldNames();

function sameLowerCase(lower: string, text: string, from: number, end: number): boolean {
  if (lower.length !== end - from) return false;
  for (let i = 0; i < lower.length; i++) {
    const want = lower.charCodeAt(i);
    const code = text.charCodeAt(from + i);
    // Equal, or an upper-case letter whose lower case is wanted: the usual case is tested first.
    if (code !== want && (code + 0x20 !== want || code < 0x41 || code > 0x5a)) return false;
  }
  return true;
}
