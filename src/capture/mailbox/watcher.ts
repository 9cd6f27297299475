import type { IngestResult } from '../../service/types.js';
import type { MailboxLog } from './mailbox-log.js';
import { createWakeup, type Wakeup } from './wakeup.js';

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

/**
 * Runs a watcher's loop and gives its stop: no new pass, wake the loop if it sleeps, and cut the
 * connection (`cut`) if the message in hand is not done within `closeTimeoutMs`.
 */
export function watchLoop(
  state: { stopping: boolean },
  loop: (wakeup: Wakeup) => Promise<void>,
  cut: () => void,
  closeTimeoutMs: number,
): MailboxWatcher {
  const wakeup = createWakeup();
  const running = loop(wakeup);
  return {
    async close() {
      state.stopping = true;
      wakeup.ring();
      const timer = setTimeout(cut, closeTimeoutMs);
      await running;
      clearTimeout(timer);
    },
  };
}
