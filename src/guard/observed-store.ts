/**
 * The store as the service sees it, plus a look at what each transaction appended (duplicates excluded).
 * The service is unchanged and cannot bypass it. Two moments:
 *  - `within`, before COMMIT, on the transaction: what must be kept with the change or not at all (the
 *    outbound webhooks announcing state changes). Its failure fails the transaction, which the caller
 *    may retry: a change is never kept without its announcement.
 *  - `after`, once committed: reactions that follow the record (alert counters). Their failure is logged
 *    and never undoes the ingest.
 */
import type { EventRow, NewEvent, Store, StoreTx } from '../store/store.js';

export interface CommitObserver {
  within(tx: StoreTx, events: readonly EventRow[]): Promise<void>;
  after(events: readonly EventRow[]): Promise<void>;
}

export function observeCommits(
  store: Store,
  observer: CommitObserver,
  log: { error(o: object, m: string): void },
): Store {
  const transaction = async <T>(fn: (tx: StoreTx) => Promise<T>): Promise<T> => {
    const appended: EventRow[] = [];
    const result = await store.transaction(async (tx) => {
      const value = await fn(recording(tx, appended));
      if (appended.length > 0) await observer.within(tx, appended);
      return value;
    });
    if (appended.length > 0) {
      await observer
        .after(appended)
        .catch((error: unknown) =>
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
