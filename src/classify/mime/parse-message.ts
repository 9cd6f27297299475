import type { OriginalMessage, ParsedMessage } from '../types.js';
import { isPlainAscii, normaliseNewlines, toBinaryString } from './binary-string.js';
import { HeaderBlock, parseHeaderBlock } from './header-block.js';
import { htmlToText } from './html-text.js';
import { Leaf, walkTree } from './mime-tree.js';

const DELIVERY_STATUS = new Set(['message/delivery-status', 'message/global-delivery-status']);
/** Media types whose body is not text, so a single-part mail of this type has no readable text. */
const BINARY_TOP_TYPES = ['image/', 'audio/', 'video/', 'font/', 'model/'];
/** application/xml, application/json and their `+xml` / `+json` kin are text. */
const TEXT_LIKE_SUFFIX = /[/+](?:xml|json)$/;

class Message implements ParsedMessage {
  private cachedText: string | undefined;
  private cachedStatus: string | undefined;

  constructor(
    readonly headers: HeaderBlock,
    readonly leaves: readonly Leaf[],
    readonly original: OriginalMessage | undefined,
  ) {}

  text(): string {
    this.cachedText ??= this.findText();
    return this.cachedText;
  }

  deliveryStatus(): string {
    this.cachedStatus ??= this.leaves
      .filter((leaf) => DELIVERY_STATUS.has(leaf.contentType))
      .map((leaf) => leaf.text())
      .join('\n');
    return this.cachedStatus;
  }

  private findText(): string {
    const plain = this.leaves.find((leaf) => leaf.contentType === 'text/plain');
    if (plain !== undefined) return plain.text();
    const html = this.leaves.find((leaf) => leaf.contentType === 'text/html');
    if (html !== undefined) return htmlToText(html.text());
    const only = this.leaves[0];
    const singlePart = this.leaves.length === 1 && only !== undefined && only.headers === this.headers;
    return singlePart && !isBinaryType(only.contentType) ? only.text() : '';
  }
}

function isBinaryType(type: string): boolean {
  if (BINARY_TOP_TYPES.some((prefix) => type.startsWith(prefix))) return true;
  return type.startsWith('application/') && !TEXT_LIKE_SUFFIX.test(type);
}

/**
 * Parses a mail into headers, leaves and the returned original. Pure and total: any input (empty,
 * truncated, binary, malformed) yields whatever could be read; bodies are decoded only when asked.
 */
export function parseMessage(raw: Uint8Array | string): ParsedMessage {
  const text = normaliseNewlines(toBinaryString(raw));
  const { headers, bodyStart } = parseHeaderBlock(text);
  if (text.length === 0) return new Message(headers, [], undefined);
  const tree = walkTree(headers, text.slice(bodyStart), typeof raw !== 'string' && isPlainAscii(raw));
  const original = tree.original === undefined ? undefined : { headers: tree.original };
  return new Message(headers, tree.leaves, original);
}
