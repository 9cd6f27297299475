/**
 * The guard's background work, once a minute: close quiet incidents, and run each account's DNS
 * blocklist check when its interval has passed. The check is claimed in the database, so with several
 * processes each account is checked once per interval.
 */
import type { Store } from '../store/store.js';
import type { BlocklistChecker } from './blocklist-checker.js';
import type { IncidentTracker } from './incident-tracker.js';

export interface GuardSchedulerDeps {
  store: Store;
  tracker: Pick<IncidentTracker, 'closeQuiet' | 'settings'>;
  checker: Pick<BlocklistChecker, 'run'>;
  log: { error(obj: object, msg: string): void };
  now?: () => Date;
}

const TICK_MS = 60_000;

export async function guardTick(deps: GuardSchedulerDeps): Promise<void> {
  const now = (deps.now ?? (() => new Date()))();
  await deps.tracker.closeQuiet();
  for (const accountId of await deps.store.incidents.guardAccounts()) {
    const { checkIntervalMinutes } = await deps.tracker.settings(accountId);
    if (checkIntervalMinutes === 0) continue;
    const dueBefore = new Date(now.getTime() - checkIntervalMinutes * 60_000 + 1000).toISOString();
    if (await deps.store.incidents.claimScheduledCheck(accountId, now.toISOString(), dueBefore)) {
      await deps.checker.run(accountId);
    }
  }
}

/** Starts the minute tick; the returned function stops it and waits for a tick in progress. */
export function startGuardScheduler(deps: GuardSchedulerDeps): () => Promise<void> {
  let running: Promise<void> = Promise.resolve();
  const tick = (): void => {
    running = running
      .then(() => guardTick(deps))
      .catch((error: unknown) => deps.log.error({ err: error }, 'guard: scheduled work failed'));
  };
  const timer = setInterval(tick, TICK_MS);
  timer.unref();
  tick();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
