import { decodeBytes } from './charset.js';

export interface ContentType {
  /** Lower-case `type/subtype`, or '' when the header is missing or malformed. */
  type: string;
  /** Parameters by lower-case name, RFC 2231 continuations joined and decoded. */
  params: Map<string, string>;
}

interface Section {
  index: number;
  value: string;
  /** RFC 2231 extended value: percent-encoded, the first section prefixed with `charset'language'`. */
  extended: boolean;
}

/** Parses a Content-Type value (RFC 2045 section 5.1). Tolerates a missing ';' and unterminated quotes. */
export function parseContentType(value: string | undefined): ContentType {
  const params = new Map<string, string>();
  if (value === undefined) return { type: '', params };
  let at = 0;
  while (at < value.length && isSpace(value.charCodeAt(at))) at++;
  const typeStart = at;
  while (at < value.length && !isSpace(value.charCodeAt(at)) && value.charCodeAt(at) !== 0x3b) at++;
  const candidate = value.slice(typeStart, at).toLowerCase();
  const slash = candidate.indexOf('/');
  const type = slash > 0 && slash < candidate.length - 1 ? candidate : '';
  parseParams(value, at, params);
  return { type, params };
}

function parseParams(value: string, from: number, params: Map<string, string>): void {
  let sections: Map<string, Section[]> | undefined;
  let at = from;
  const end = value.length;
  while (at < end) {
    const code = value.charCodeAt(at);
    if (code === 0x3b || isSpace(code)) {
      at++;
      continue;
    }
    const nameStart = at;
    while (at < end && value.charCodeAt(at) !== 0x3d && value.charCodeAt(at) !== 0x3b) at++;
    const name = value.slice(nameStart, at).trim().toLowerCase();
    if (at >= end || value.charCodeAt(at) !== 0x3d) continue; // a bare word: not a parameter
    at++;
    while (at < end && isSpace(value.charCodeAt(at))) at++;
    let raw: string;
    if (value.charCodeAt(at) === 0x22) {
      const quoted = readQuoted(value, at + 1);
      raw = quoted.text;
      at = quoted.end;
    } else {
      const valueStart = at;
      while (at < end && value.charCodeAt(at) !== 0x3b) at++;
      raw = value.slice(valueStart, at).trim();
    }
    if (name.indexOf('*') === -1) {
      if (name !== '' && !params.has(name)) params.set(name, raw);
      continue;
    }
    // RFC 2231 sections 3 and 4: `name*`, `name*0`, `name*1*` ...
    const extended = name.endsWith('*');
    const bare = extended ? name.slice(0, -1) : name;
    const star = bare.indexOf('*');
    const base = star === -1 ? bare : bare.slice(0, star);
    const index = star === -1 ? 0 : Number(bare.slice(star + 1));
    if (base === '' || !Number.isInteger(index)) continue;
    sections ??= new Map();
    const list = sections.get(base) ?? [];
    list.push({ index, value: raw, extended });
    sections.set(base, list);
  }
  if (sections === undefined) return;
  for (const [name, list] of sections) params.set(name, joinSections(list));
}

/** Reads a quoted-string body starting after the opening quote: backslash escapes, missing close quote. */
function readQuoted(value: string, from: number): { text: string; end: number } {
  let at = from;
  let text = '';
  let copied = from;
  while (at < value.length) {
    const code = value.charCodeAt(at);
    if (code === 0x22) return { text: text + value.slice(copied, at), end: at + 1 };
    if (code === 0x5c && at + 1 < value.length) {
      text += value.slice(copied, at);
      copied = at + 1;
      at += 2;
      continue;
    }
    at++;
  }
  return { text: text + value.slice(copied), end: at };
}

function joinSections(list: Section[]): string {
  list.sort((a, b) => a.index - b.index);
  const first = list[0];
  let charset: string | undefined;
  let bytes = '';
  for (const section of list) {
    let text = section.value;
    if (section === first && section.extended) {
      // `charset'language'text`
      const q1 = text.indexOf("'");
      const q2 = q1 === -1 ? -1 : text.indexOf("'", q1 + 1);
      if (q2 !== -1) {
        charset = text.slice(0, q1);
        text = text.slice(q2 + 1);
      }
    }
    bytes += section.extended ? percentDecode(text) : text;
  }
  return decodeBytes(bytes, charset);
}

function percentDecode(text: string): string {
  if (text.indexOf('%') === -1) return text;
  return text.replace(/%([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

function isSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a;
}
