import type { IngestResult } from '../../service/types.js';
import type { MailboxLog } from './mailbox-log.js';

/** What a mailbox watcher (IMAP or POP3) needs from the rest of Rebound. */
export interface MailboxWatcherDeps {
  ingest(raw: Uint8Array): Promise<IngestResult>;
  log: MailboxLog;
}

/** Settings both watchers share; each protocol adds its own. */
export interface MailboxWatcherTiming {
  /** A larger message is not stored (IMAP: moved to the failed folder; POP3: left on the server). */
  maxBytes: number;
  /** Retry delays after a failed session: the first, doubled on each failure up to the last. */
  backoff: { firstMs: number; maxMs: number };
  /** How long a stop waits for the message in hand before cutting the connection. */
  closeTimeoutMs: number;
}

export interface MailboxWatcher {
  close(): Promise<void>;
}
