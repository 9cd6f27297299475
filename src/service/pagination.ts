import { ReboundError } from '../errors.js';
import type { Keyset } from '../store/store.js';
import type { Page, PageRequest } from './types.js';

export const DEFAULT_LIMIT = 50;
export const MAX_LIMIT = 1000;

/**
 * Cursors are opaque to clients: base64url of a small JSON object holding the last key seen. They
 * carry no state on the server, so any process can continue a listing another process started.
 */
export function encodeCursor(key: string): string {
  return Buffer.from(JSON.stringify({ k: key }), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string): string {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === 'object' && value !== null && typeof (value as { k: unknown }).k === 'string') {
      return (value as { k: string }).k;
    }
  } catch {
    // Falls through to the error below: a cursor that is not ours is the client's mistake.
  }
  throw new ReboundError(
    'invalid_cursor',
    'The cursor was not issued by this listing: start again without it.',
  );
}

/** The keyset to ask the store for: one row more than the page, to know whether another page follows. */
export function keysetOf(page: PageRequest): Keyset & { pageSize: number } {
  const limit = page.limit ?? DEFAULT_LIMIT;
  if (!Number.isInteger(limit) || limit < 1 || limit > MAX_LIMIT) {
    throw new ReboundError('invalid_request', `limit must be an integer from 1 to ${MAX_LIMIT}.`);
  }
  const after = page.cursor === undefined || page.cursor === '' ? null : decodeCursor(page.cursor);
  return { after, limit: limit + 1, pageSize: limit };
}

export function pageOf<R, T>(
  rows: R[],
  pageSize: number,
  key: (row: R) => string,
  view: (row: R) => T,
): Page<T> {
  const items = rows.slice(0, pageSize);
  const last = items.at(-1);
  const next = rows.length > pageSize && last !== undefined ? encodeCursor(key(last)) : null;
  return { items: items.map(view), next };
}
