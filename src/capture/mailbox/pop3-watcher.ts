/**
 * Polls one POP3 mailbox for bounces: every interval it logs in, runs a pass (pop3-pass.ts) and ends the
 * session with QUIT, which is when the server removes what the pass deleted. A session that fails is
 * retried with exponential backoff; a stop lets the message in hand finish, then QUITs.
 */
import { openPop3, type Pop3Session } from './pop3-client.js';
import type { Pop3MailboxConfig } from './pop3-config.js';
import { pop3Pass } from './pop3-pass.js';
import {
  watchLoop,
  type MailboxWatcher,
  type MailboxWatcherDeps,
  type MailboxWatcherTiming,
} from './watcher.js';
import type { Wakeup } from './wakeup.js';

export type Pop3WatcherDeps = MailboxWatcherDeps;
export type Pop3Watcher = MailboxWatcher;

export interface Pop3WatcherOptions extends MailboxWatcherTiming {
  mailbox: Omit<Pop3MailboxConfig, 'accountId'>;
  /** The longest silence of the server within a session. */
  timeoutMs: number;
}

interface LoopState {
  stopping: boolean;
  session: Pop3Session | undefined;
}

export function startPop3Watcher(deps: Pop3WatcherDeps, options: Pop3WatcherOptions): Pop3Watcher {
  const state: LoopState = { stopping: false, session: undefined };
  return watchLoop(
    state,
    (wakeup) => run(deps, options, state, wakeup),
    () => state.session?.destroy(),
    options.closeTimeoutMs,
  );
}

async function run(
  deps: Pop3WatcherDeps,
  options: Pop3WatcherOptions,
  state: LoopState,
  wakeup: Wakeup,
): Promise<void> {
  const { log } = deps;
  const { mailbox } = options;
  const leftForAPerson = new Set<string>();
  let failures = 0;
  while (!state.stopping) {
    let delay = mailbox.intervalMs;
    try {
      await session(deps, options, state, leftForAPerson, failures > 0);
      failures = 0;
    } catch (error) {
      state.session?.destroy();
      if (state.stopping) break;
      delay = Math.min(options.backoff.firstMs * 2 ** failures, options.backoff.maxMs);
      failures += 1;
      log.warn(
        { mailbox: mailbox.label, err: error, delayMs: delay },
        'mailbox: POP3 session failed; what it had not committed with QUIT stays on the server',
      );
    }
    state.session = undefined;
    await wakeup.wait(delay);
  }
  log.info({ mailbox: mailbox.label }, 'mailbox: stopped');
}

async function session(
  deps: Pop3WatcherDeps,
  options: Pop3WatcherOptions,
  state: LoopState,
  leftForAPerson: Set<string>,
  recovering: boolean,
): Promise<void> {
  const { mailbox } = options;
  const session = await openPop3({ ...mailbox, timeoutMs: options.timeoutMs });
  state.session = session;
  if (recovering) deps.log.info({ mailbox: mailbox.label }, 'mailbox: POP3 server reached again');
  const outcome = await pop3Pass({
    session,
    ingest: deps.ingest,
    maxBytes: options.maxBytes,
    log: deps.log,
    leftForAPerson,
    stopping: () => state.stopping,
  });
  await session.quit();
  if (outcome.deleted + outcome.failed > 0 || outcome.interrupted) {
    deps.log.info({ mailbox: mailbox.label, ...outcome }, 'mailbox: pass done, deletions committed');
  }
}
