import type { MimeLeaf } from '../types.js';
import { normaliseNewlines } from './binary-string.js';
import { decodeBytes } from './charset.js';
import { parseContentType } from './content-type.js';
import { HeaderBlock, parseHeaderBlock } from './header-block.js';
import { decodeTransfer } from './transfer-decoding.js';

/** Nesting limit: deeper multiparts become leaves, so a crafted mail cannot exhaust the stack. */
export const MAX_DEPTH = 40;
/** Part limit: later parts are ignored, so a crafted mail cannot allocate millions of entities. */
export const MAX_PARTS = 2000;

/** Parts whose content is the returned message, or its header block (RFC 3462, RFC 6533). */
const ORIGINAL_TYPES = new Set([
  'message/rfc822',
  'message/global',
  'text/rfc822-headers',
  'message/global-headers',
  'text/rfc822-header', // a misspelling seen in feedback reports
]);

export class Leaf implements MimeLeaf {
  private decoded: string | undefined;

  /** @param plainAscii the whole mail is known to be 7-bit without ESC (see isPlainAscii) */
  constructor(
    readonly contentType: string,
    readonly headers: HeaderBlock,
    private readonly body: string,
    private readonly charset: string | undefined,
    private readonly plainAscii = false,
  ) {}

  /** The body after transfer decoding, newlines normalised again (base64 and QP hide CRLF), as bytes. */
  content(): string {
    return normaliseNewlines(decodeTransfer(this.body, this.headers.raw('content-transfer-encoding')));
  }

  text(): string {
    if (this.decoded === undefined) {
      const content = this.content();
      // Content that is the body as written is bytes of the mail: plain ASCII when the mail is.
      this.decoded = decodeBytes(content, this.charset, undefined, this.plainAscii && content === this.body);
    }
    return this.decoded;
  }
}

export interface MimeTree {
  leaves: Leaf[];
  /** Header block of the first attached original message that has any. */
  original: HeaderBlock | undefined;
}

/**
 * Walks the entity whose header block is already parsed; `body` is its LF-normalised binary body.
 * `plainAscii`: the mail holds no byte above 0x7f and no ESC, so its leaves' text needs no charset work.
 */
export function walkTree(headers: HeaderBlock, body: string, plainAscii = false): MimeTree {
  const tree: MimeTree = { leaves: [], original: undefined };
  visit(tree, { parts: 1, plainAscii }, headers, body, 0, 'text/plain');
  return tree;
}

function visit(
  tree: MimeTree,
  count: { parts: number; plainAscii: boolean },
  headers: HeaderBlock,
  body: string,
  depth: number,
  defaultType: string,
): void {
  const contentType = parseContentType(headers.raw('content-type'));
  let type = contentType.type || defaultType;
  if (type.startsWith('multipart/') && depth < MAX_DEPTH) {
    const boundary = contentType.params.get('boundary')?.trim() ?? '';
    const parts = boundary === '' ? [] : splitMultipart(body, boundary, MAX_PARTS - count.parts);
    if (parts.length > 0) {
      // RFC 2046 section 5.1.5: parts of a digest are messages unless they say otherwise.
      const childDefault = type === 'multipart/digest' ? 'message/rfc822' : 'text/plain';
      count.parts += parts.length;
      for (const part of parts) {
        const child = parseHeaderBlock(part);
        visit(tree, count, child.headers, part.slice(child.bodyStart), depth + 1, childDefault);
      }
      return;
    }
    // A multipart without a usable boundary is still text someone may want to read.
    type = 'text/plain';
  }
  const leaf = new Leaf(type, headers, body, contentType.params.get('charset'), count.plainAscii);
  tree.leaves.push(leaf);
  if (tree.original === undefined && ORIGINAL_TYPES.has(type)) {
    const content = leaf.content();
    const found = parseHeaderBlock(content, skipBlankLines(content)).headers;
    if (found.size > 0) tree.original = found;
  }
}

/** Some MTAs put an empty line before the returned headers. */
function skipBlankLines(text: string): number {
  let at = 0;
  while (at < text.length) {
    const code = text.charCodeAt(at);
    if (code !== 0x0a && code !== 0x20 && code !== 0x09) break;
    at++;
  }
  while (at > 0 && text.charCodeAt(at - 1) !== 0x0a) at--;
  return at;
}

/**
 * The parts of a multipart body (RFC 2046 section 5.1.1), at most `limit`. Delimiter lines are
 * `--boundary` or `--boundary--` at the start of a line, with optional trailing whitespace; the newline
 * before a delimiter belongs to it. Preamble and epilogue are dropped; a missing close delimiter ends
 * the last part at the end of the body. One linear indexOf scan.
 */
export function splitMultipart(body: string, boundary: string, limit: number): string[] {
  const parts: string[] = [];
  const delimiter = '--' + boundary;
  let partStart = -1;
  let at = body.indexOf(delimiter);
  while (at !== -1) {
    let after = at + delimiter.length;
    if (at === 0 || body.charCodeAt(at - 1) === 0x0a) {
      const close = body.charCodeAt(after) === 0x2d && body.charCodeAt(after + 1) === 0x2d;
      if (close) after += 2;
      while (body.charCodeAt(after) === 0x20 || body.charCodeAt(after) === 0x09) after++;
      if (after >= body.length || body.charCodeAt(after) === 0x0a) {
        if (partStart !== -1) parts.push(body.slice(partStart, at - 1));
        if (close || parts.length >= limit) return parts;
        partStart = after + 1;
      }
    }
    at = body.indexOf(delimiter, after);
  }
  if (partStart !== -1 && partStart <= body.length) parts.push(body.slice(partStart));
  return parts;
}
