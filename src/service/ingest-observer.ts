import type { IngestResult } from './types.js';

/**
 * Told after each bounce mail is ingested, and again when the same mail comes back as a duplicate, so
 * that a retry after an observer failed heals what it missed (observers are idempotent per mail).
 * An observer's error fails the ingest call; the mail itself is already stored.
 */
export interface IngestObserver {
  afterBounce(accountId: string, result: IngestResult, receivedAt: string): Promise<void>;
}
