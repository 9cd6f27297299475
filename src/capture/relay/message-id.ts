/**
 * The Message-ID ties a send to the bounce that comes back (reports quote the original headers), so every
 * relayed message has one: the client's if it set one, else one Rebound adds at the top of the header.
 */
import { randomUUID } from 'node:crypto';

export interface Identified {
  messageId: string;
  raw: Buffer;
}

/** Headers are read up to the first empty line, at most this far: a header block is never this long. */
const MAX_HEADER_BYTES = 256 * 1024;

export function ensureMessageId(raw: Buffer, domain: string): Identified {
  const found = findMessageId(raw);
  if (found !== undefined) return { messageId: found, raw };
  const messageId = `<${randomUUID()}@${domain}>`;
  return { messageId, raw: Buffer.concat([Buffer.from(`Message-ID: ${messageId}\r\n`), raw]) };
}

export function findMessageId(raw: Buffer): string | undefined {
  const head = raw.subarray(0, MAX_HEADER_BYTES).toString('latin1');
  const lines = head.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line === '') return undefined;
    const colon = line.indexOf(':');
    if (colon < 0 || line.slice(0, colon).trim().toLowerCase() !== 'message-id') continue;
    // A folded header continues on lines that start with white space.
    let value = line.slice(colon + 1);
    while (/^[ \t]/.test(lines[i + 1] ?? '')) value += ` ${(lines[++i] ?? '').trim()}`;
    const id = value.trim();
    return id === '' ? undefined : id;
  }
  return undefined;
}
