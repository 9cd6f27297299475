/**
 * The store as the service sees it, plus a look at what each transaction appended: after the commit,
 * the events it stored (duplicates excluded) go to a listener (alert counters, address webhooks). The
 * service is unchanged and cannot bypass it. A listener's failure is logged, never undoes the ingest:
 * the ingest is the record, the guard's reactions follow it.
 */
import type { EventRow, NewEvent, Store, StoreTx } from '../store/store.js';

export type CommitListener = (events: EventRow[]) => Promise<void>;

export function observeCommits(
  store: Store,
  listener: CommitListener,
  log: { error(o: object, m: string): void },
): Store {
  const transaction = async <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
    const appended: EventRow[] = [];
    const result = await store.transaction((tx) => fn(recording(tx, appended)));
    if (appended.length > 0) {
      await listener(appended).catch((error: unknown) =>
        log.error({ err: error, events: appended.length }, 'guard: could not react to stored events'),
      );
    }
    return result;
  };
  return new Proxy(store, {
    get(target, prop) {
      if (prop === 'transaction') return transaction;
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

function recording(tx: StoreTx, appended: EventRow[]): StoreTx {
  return new Proxy(tx, {
    get(target, prop) {
      if (prop === 'appendEvent' || prop === 'appendFreshEvent') {
        return async (event: NewEvent) => {
          const id = await target[prop](event);
          if (id !== undefined) appended.push({ ...event, id });
          return id;
        };
      }
      const value: unknown = Reflect.get(target, prop, target);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
