import { findAddress } from '../address.js';

/**
 * The line-walking skeleton shared by decoders of plain-text bounces (Exim, qmail, Courier, ...):
 * cut the text where the returned original begins, then gather one block of lines per recipient.
 */
export interface RecipientBlock {
  recipient: string;
  /** The line that named the recipient, then the lines that followed it up to the block's end. */
  lines: string[];
}

export interface BlockOptions {
  /** Does this (trimmed) line open a recipient block? Return the address, else undefined. */
  opensBlock(line: string): string | undefined;
  /** A block ends at a blank line unless this is false (some MTAs put blank lines inside). */
  endAtBlank?: boolean;
}

/** The text before the first line that starts with one of the markers (lower-case prefixes). */
export function beforeOriginal(text: string, markers: readonly string[]): string {
  let cut = text.length;
  const lower = lowerCased(text);
  for (const marker of markers) {
    const at = lower.indexOf(marker);
    if (at !== -1 && at < cut) cut = at;
  }
  return text.slice(0, cut);
}

/**
 * The last text lower-cased, kept: the decoders tried in turn on one mail mostly pass the same
 * mail.text() to beforeOriginal, and lower-casing a whole report each time was a visible cost.
 */
let lastText = '';
let lastLower = '';

function lowerCased(text: string): string {
  if (text !== lastText) {
    lastLower = text.toLowerCase();
    lastText = text;
  }
  return lastLower;
}

export function recipientBlocks(text: string, options: BlockOptions): RecipientBlock[] {
  const blocks: RecipientBlock[] = [];
  let current: RecipientBlock | undefined;
  for (const raw of text.split('\n')) {
    const line = raw.trim();
    const recipient = line === '' ? undefined : options.opensBlock(line);
    if (recipient) {
      current = { recipient, lines: [line] };
      blocks.push(current);
    } else if (line === '') {
      if (options.endAtBlank !== false) current = undefined;
    } else if (current) {
      current.lines.push(line);
    }
  }
  return blocks;
}

/** A line that is an address alone, possibly in angle brackets and followed by ':' (Exim, Postfix). */
export function addressLine(line: string): string | undefined {
  const found = findAddress(line);
  if (!found) return undefined;
  return onlyPunctuation(line.slice(0, found.start), '<"\' ') &&
    onlyPunctuation(line.slice(found.end), '>": ')
    ? found.address
    : undefined;
}

function onlyPunctuation(text: string, allowed: string): boolean {
  for (const ch of text) if (!allowed.includes(ch) && ch !== '\t') return false;
  return true;
}

/** Join a block's lines after the first into one diagnostic text. */
export function blockText(block: RecipientBlock, from = 1): string {
  return block.lines.slice(from).join(' ').replace(/\s+/g, ' ').trim();
}
