/**
 * Watches one IMAP folder for bounces: connects, makes the processed and failed folders if they are
 * missing, drains the folder, then waits for new mail (IDLE's EXISTS when the server offers IDLE) or for
 * the rescan interval, and drains again. A dropped connection is reopened with exponential backoff; a
 * stop lets the message in hand finish, then logs out.
 */
import { ImapFlow } from 'imapflow';
import { drainFolder } from './drain-folder.js';
import type { ImapMailboxConfig } from './imap-config.js';
import type { MailboxLog } from './mailbox-log.js';
import {
  watchLoop,
  type MailboxWatcher,
  type MailboxWatcherDeps,
  type MailboxWatcherTiming,
} from './watcher.js';
import type { Wakeup } from './wakeup.js';

export type ImapWatcherDeps = MailboxWatcherDeps;
export type ImapWatcher = MailboxWatcher;

export interface ImapWatcherOptions extends MailboxWatcherTiming {
  mailbox: Omit<ImapMailboxConfig, 'accountId'>;
}

/** IDLE starts this long after the last command: above the pause between two commands of one pass. */
const AUTO_IDLE_DELAY_MS = 1000;

export function startImapWatcher(deps: ImapWatcherDeps, options: ImapWatcherOptions): ImapWatcher {
  const state: LoopState = { stopping: false, client: undefined };
  return watchLoop(
    state,
    (wakeup) => run(deps, options, state, wakeup),
    () => state.client?.close(),
    options.closeTimeoutMs,
  );
}

interface LoopState {
  stopping: boolean;
  client: ImapFlow | undefined;
}

async function run(
  deps: ImapWatcherDeps,
  options: ImapWatcherOptions,
  state: LoopState,
  wakeup: Wakeup,
): Promise<void> {
  const { log } = deps;
  let failures = 0;
  while (!state.stopping) {
    const client = newClient(options.mailbox);
    state.client = client;
    try {
      await client.connect();
      failures = 0;
      await session(client, deps, options, state, wakeup);
    } catch (error) {
      if (!state.stopping)
        log.warn({ mailbox: options.mailbox.label, err: error }, 'mailbox: connection failed');
    } finally {
      await leave(client);
    }
    if (state.stopping) break;
    const delay = Math.min(options.backoff.firstMs * 2 ** failures, options.backoff.maxMs);
    failures += 1;
    log.info({ mailbox: options.mailbox.label, delayMs: delay }, 'mailbox: reconnecting after a pause');
    await wakeup.wait(delay);
  }
  log.info({ mailbox: options.mailbox.label }, 'mailbox: stopped');
}

async function session(
  client: ImapFlow,
  deps: ImapWatcherDeps,
  options: ImapWatcherOptions,
  state: LoopState,
  wakeup: Wakeup,
): Promise<void> {
  const { mailbox } = options;
  client.on('exists', () => wakeup.ring());
  client.on('close', () => wakeup.ring());
  if (!client.capabilities.has('MOVE') && !client.capabilities.has('UIDPLUS')) {
    // Without both, a move is COPY and a plain EXPUNGE, which also removes mail others marked \Deleted.
    throw new Error('the server has neither MOVE nor UIDPLUS: moving a message could delete others');
  }
  await ensureFolder(client, mailbox.processed, deps.log);
  await ensureFolder(client, mailbox.failed, deps.log);
  await client.mailboxOpen(mailbox.source);
  const idle = client.capabilities.has('IDLE');
  deps.log.info(
    { mailbox: mailbox.label, idle, intervalS: mailbox.intervalMs / 1000 },
    idle ? 'mailbox: connected, waiting for new mail with IDLE' : 'mailbox: connected, polling (no IDLE)',
  );
  while (!state.stopping && client.usable) {
    const outcome = await drainFolder({
      client,
      ingest: deps.ingest,
      processed: mailbox.processed,
      failed: mailbox.failed,
      maxBytes: options.maxBytes,
      log: deps.log,
      stopping: () => state.stopping,
    });
    if (outcome.processed + outcome.failed > 0 || outcome.interrupted) {
      deps.log.info({ mailbox: mailbox.label, ...outcome }, 'mailbox: pass done');
    }
    await wakeup.wait(mailbox.intervalMs);
  }
  if (!state.stopping) throw new Error('the server closed the connection');
}

/** Creating a folder that exists is harmless: imapflow answers created: false. */
async function ensureFolder(client: ImapFlow, path: string[], log: MailboxLog): Promise<void> {
  const made = await client.mailboxCreate(path);
  if (made.created) log.info({ folder: made.path }, 'mailbox: created the folder');
}

function newClient(mailbox: ImapWatcherOptions['mailbox']): ImapFlow {
  const client = new ImapFlow({
    host: mailbox.host,
    port: mailbox.port,
    secure: mailbox.secure,
    doSTARTTLS: mailbox.requireStartTls ? true : undefined,
    auth: { user: mailbox.user, pass: mailbox.password },
    logger: false,
    autoIdleDelay: AUTO_IDLE_DELAY_MS,
  });
  // Without a listener an 'error' event would throw; the failed command reports it, and the loop reconnects.
  client.on('error', () => undefined);
  return client;
}

async function leave(client: ImapFlow): Promise<void> {
  if (!client.usable) {
    client.close();
    return;
  }
  try {
    await client.logout();
  } catch {
    client.close();
  }
}
