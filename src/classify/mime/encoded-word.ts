import { decodeBytes } from './charset.js';
import { decodeBase64, decodeQuotedPrintable } from './transfer-decoding.js';

/** RFC 2047 section 2 limits a charset name; a longer run is not an encoded word. */
const CHARSET_LIMIT = 64;
const BASE64_TEXT = /^[A-Za-z0-9+/=\s]*$/;

interface Word {
  charset: string;
  /** Decoded bytes, as a binary string. */
  bytes: string;
  end: number;
}

/**
 * Decodes RFC 2047 encoded words (`=?charset?B|Q?text?=`) in a header value. Whitespace between
 * adjacent encoded words is dropped (section 6.2), and adjacent words in the same charset are joined
 * before charset decoding, because encoders split multibyte characters across words. A malformed word
 * is left as written. Linear: each "?=" search resumes where the previous one ended.
 */
export function decodeEncodedWords(value: string): string {
  let start = value.indexOf('=?');
  if (start === -1) return value;
  const out: string[] = [];
  let copied = 0;
  let runCharset = '';
  let runBytes: string[] = [];
  let nextTerminator = -1;
  const flush = (): void => {
    if (runBytes.length > 0) out.push(decodeBytes(runBytes.join(''), runCharset));
    runBytes = [];
  };
  while (start !== -1) {
    const textStart = wordTextStart(value, start);
    if (textStart === -1) {
      start = value.indexOf('=?', start + 2);
      continue;
    }
    if (nextTerminator < textStart) nextTerminator = value.indexOf('?=', textStart);
    if (nextTerminator === -1) break; // no later word can be complete
    const word = decodeWord(value, start, textStart, nextTerminator);
    if (word === undefined) {
      start = value.indexOf('=?', start + 2);
      continue;
    }
    const adjacent = runBytes.length > 0 && isBlank(value, copied, start);
    if (!adjacent || word.charset !== runCharset) {
      flush();
      if (!adjacent) out.push(value.slice(copied, start));
    }
    runCharset = word.charset;
    runBytes.push(word.bytes);
    copied = word.end;
    start = value.indexOf('=?', copied);
  }
  flush();
  out.push(value.slice(copied));
  return out.join('');
}

/** Where the encoded text of a word starting at `start` begins, or -1 when the prefix is malformed. */
function wordTextStart(value: string, start: number): number {
  let at = start + 2;
  const limit = Math.min(value.length, at + CHARSET_LIMIT);
  while (at < limit) {
    const code = value.charCodeAt(at);
    if (code === 0x3f || code <= 0x20 || code >= 0x7f) break;
    at++;
  }
  if (at === start + 2 || value.charCodeAt(at) !== 0x3f || value.charCodeAt(at + 2) !== 0x3f) return -1;
  const encoding = value.charCodeAt(at + 1) | 0x20;
  return encoding === 0x62 || encoding === 0x71 ? at + 3 : -1;
}

function decodeWord(value: string, start: number, textStart: number, terminator: number): Word | undefined {
  const label = value.slice(start + 2, textStart - 3).toLowerCase();
  // RFC 2231 section 5: `charset*language`.
  const star = label.indexOf('*');
  const charset = star === -1 ? label : label.slice(0, star);
  // Neither encoding leaves a raw '?' in its text: one means this word is broken and runs into the next.
  const question = value.indexOf('?', textStart);
  if (question !== terminator) return undefined;
  const text = value.slice(textStart, terminator);
  let bytes: string;
  if ((value.charCodeAt(textStart - 2) | 0x20) === 0x62) {
    if (!BASE64_TEXT.test(text)) return undefined;
    bytes = decodeBase64(text);
  } else {
    // RFC 2047 section 4.2: '_' stands for a space; an encoded '=5F' is decoded after this.
    bytes = decodeQuotedPrintable(text.replaceAll('_', ' '));
  }
  return { charset, bytes, end: terminator + 2 };
}

function isBlank(value: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = value.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a) return false;
  }
  return true;
}
