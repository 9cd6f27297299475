import type { NewEvent } from '../store/store.js';
import type { IngestResult } from './types.js';

/**
 * Told after each bounce mail, batch of mails or batch of events is ingested, and again when the same mail comes back
 * as a duplicate, so that a retry after an observer failed heals what it missed (observers are idempotent per mail).
 * An observer's error fails the ingest call; the mails themselves are already stored.
 */
export interface IngestObserver {
  /** One call per ingest call (a single mail, or an import's batch): what it does once per batch, it does once. */
  afterBounces(accountId: string, results: readonly IngestResult[], receivedAt: string): Promise<void>;
  /** After events (POST /v1/events, provider webhooks, the relay's upstream replies) are recorded. */
  afterEvents(accountId: string, events: readonly NewEvent[]): Promise<void>;
}
