/**
 * The send gate's answer, `{"results":[...]}`, written straight to UTF-8 bytes: the same bytes as
 * `JSON.stringify({ results })` (tested), without the ~17 MB string of a 100,000-recipient answer that
 * Fastify would measure and the socket encode again (about a third of the call's CPU).
 */
import type { CheckResult } from '../service/types.js';

const QUOTE = 0x22;
const BACKSLASH = 0x5c;

const ascii = (text: string): Buffer => Buffer.from(text, 'latin1');
const OPEN = ascii('{"results":[');
const CLOSE = ascii(']}');
const FIRST = ascii('{"address":');
const ADDRESS = ascii(',{"address":');
const ALLOWED = ascii(',"allowed":true,"state":');
const REFUSED = ascii(',"allowed":false,"state":');
const REASON = ascii(',"reason":');
const NULL = ascii('null');
const EXPLANATION = ascii(',"explanation":');
const HELD = ascii(',"held":');
const END = ascii('}');
/** Distinct shared strings, and distinct result tails, kept as bytes per answer. */
const SHARED = 1024;
/** The constant bytes of one result, for the first guess of the answer's size. */
const FIXED = ADDRESS.length + REFUSED.length + REASON.length + EXPLANATION.length + END.length;

/** Everything of a result after its address, and the bytes it was written as. */
interface Tail {
  allowed: boolean;
  state: string;
  reason: string | null;
  held: CheckResult['held'];
  bytes: Uint8Array;
}

export function checkResultsJson(results: readonly CheckResult[]): Buffer {
  const out = new JsonBytes(results.reduce((size, r) => size + sizeOf(r), OPEN.length + CLOSE.length));
  const writer = new ResultWriter(out);
  out.bytes(OPEN);
  // A call per result (not a loop body here): this function runs once an answer, so V8 would start each
  // answer's loop unoptimised again, while a function called 100,000 times stays optimised.
  results.forEach((r, i) => writer.write(r, i));
  out.bytes(CLOSE);
  return out.done();
}

class ResultWriter {
  // Most results end alike (never seen, or one stock sentence): each distinct end is written once and
  // copied after, keyed by its explanation, which nearly decides it.
  private readonly tails = new Map<string, Tail>();
  private readonly holds = new HoldJson();

  constructor(private readonly out: JsonBytes) {}

  write(r: CheckResult, i: number): void {
    const out = this.out;
    out.bytes(i > 0 ? ADDRESS : FIRST);
    out.string(r.address);
    const tail = this.tails.get(r.explanation);
    if (
      tail !== undefined &&
      tail.allowed === r.allowed &&
      tail.state === r.state &&
      tail.reason === r.reason &&
      tail.held === r.held
    ) {
      out.bytes(tail.bytes);
      return;
    }
    const start = out.length;
    writeTail(out, r, this.holds);
    if (tail === undefined && this.tails.size < SHARED) {
      const { allowed, state, reason, held } = r;
      this.tails.set(r.explanation, { allowed, state, reason, held, bytes: out.copy(start) });
    }
  }
}

function writeTail(out: JsonBytes, r: CheckResult, holds: HoldJson): void {
  out.bytes(r.allowed ? ALLOWED : REFUSED);
  out.shared(r.state);
  out.bytes(REASON);
  if (r.reason === null) out.bytes(NULL);
  else out.shared(r.reason);
  out.bytes(EXPLANATION);
  out.string(r.explanation);
  if (r.held !== undefined) {
    out.bytes(HELD);
    out.bytes(holds.of(r.held));
  }
  out.bytes(END);
}

/** A hold's JSON, made once per run of results the same hold covers. */
class HoldJson {
  private held: CheckResult['held'];
  private json = NULL;

  of(held: NonNullable<CheckResult['held']>): Uint8Array {
    if (held !== this.held) {
      this.held = held;
      this.json = Buffer.from(JSON.stringify(held));
    }
    return this.json;
  }
}

/** Exact when every string is plain ASCII (the usual answer), so the buffer is rarely grown. */
function sizeOf(r: CheckResult): number {
  const reason = r.reason === null ? NULL.length : r.reason.length + 2;
  return FIXED + r.address.length + r.state.length + r.explanation.length + 2 * 3 + reason;
}

/** A growing UTF-8 buffer of JSON text. */
class JsonBytes {
  private buf: Buffer;
  private at = 0;
  private readonly cache = new Map<string, Uint8Array>();

  constructor(size: number) {
    this.buf = Buffer.allocUnsafe(size);
  }

  /** Runs of bytes: up to ~16 bytes a loop costs less than TypedArray.set's own checks. */
  bytes(bytes: Uint8Array): void {
    this.reserve(bytes.length);
    if (bytes.length > 16) {
      this.buf.set(bytes, this.at);
      this.at += bytes.length;
      return;
    }
    const buf = this.buf;
    let at = this.at;
    for (let i = 0; i < bytes.length; i++) buf[at++] = bytes[i] as number;
    this.at = at;
  }

  /**
   * A JSON string that many results share (a state, a reason), kept as bytes. Up to SHARED strings are
   * kept; past them the rest are written as they come.
   */
  shared(value: string): void {
    const json = this.cache.get(value);
    if (json !== undefined) return this.bytes(json);
    if (this.cache.size >= SHARED) return this.string(value);
    const start = this.at;
    this.string(value);
    this.cache.set(value, this.copy(start));
  }

  /** A JSON string: ASCII with nothing to escape is copied by code; anything else as JSON.stringify has it. */
  string(value: string): void {
    this.reserve(value.length + 2);
    const buf = this.buf;
    let at = this.at;
    buf[at++] = QUOTE;
    for (let i = 0; i < value.length; i++) {
      const c = value.charCodeAt(i);
      if (c < 0x20 || c >= 0x80 || c === QUOTE || c === BACKSLASH) {
        this.text(JSON.stringify(value));
        return;
      }
      buf[at++] = c;
    }
    buf[at++] = QUOTE;
    this.at = at;
  }

  /** JSON text as it is (JSON.stringify's output: lone surrogates already escaped, so UTF-8 is exact). */
  text(json: string): void {
    // A UTF-16 unit takes at most 3 bytes in UTF-8; write() would silently cut what does not fit.
    this.reserve(3 * json.length);
    this.at += this.buf.write(json, this.at, 'utf8');
  }

  get length(): number {
    return this.at;
  }

  /** A copy of the bytes written from start on. */
  copy(start: number): Uint8Array {
    return Uint8Array.from(this.buf.subarray(start, this.at));
  }

  done(): Buffer {
    return this.buf.subarray(0, this.at);
  }

  private reserve(length: number): void {
    if (this.at + length <= this.buf.length) return;
    const grown = Buffer.allocUnsafe(Math.max(2 * this.buf.length, this.at + length));
    this.buf.copy(grown, 0, 0, this.at);
    this.buf = grown;
  }
}
