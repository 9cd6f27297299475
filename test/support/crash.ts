/**
 * Failures a durability test injects into a store: a process killed right after a commit, and an outbox
 * that cannot be written inside a transaction.
 */
import type { Notifier } from '../../src/guard/notifications.js';
import type { OutboxTx } from '../../src/store/outbox.js';

/**
 * `target` as a process sees it that is killed right after `method` next returns (its transaction
 * committed): the call's real work is done, nothing the caller would do after it runs.
 */
export function killedAfter<T extends object>(target: T, method: keyof T & string, killed: Error): T {
  return new Proxy(target, {
    get(inner, prop) {
      const value: unknown = Reflect.get(inner, prop, inner);
      if (typeof value !== 'function') return value;
      const bound = (value as (...a: unknown[]) => Promise<unknown>).bind(inner);
      if (prop !== method) return bound;
      return async (...args: unknown[]) => {
        await bound(...args);
        throw killed;
      };
    },
  });
}

/** `target` with one of its parts (`store.incidents`, `store.unblocks`) replaced, the rest as it is. */
export function replacing<T extends object, K extends keyof T>(target: T, key: K, part: T[K]): T {
  return new Proxy(target, {
    get(inner, prop) {
      if (prop === key) return part;
      const value: unknown = Reflect.get(inner, prop, inner);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(inner) : value;
    },
  });
}

/** An outbox whose writes fail, as a full disk would make them. */
export const BROKEN_OUTBOX: OutboxTx = {
  enqueueGuardEvents: async () => Promise.reject(new Error('disk full')),
};

/** `notifier` writing to an outbox that fails: the transaction it writes in must fail with it. */
export function brokenOutboxNotifier(notifier: Notifier): Notifier {
  return {
    notifyWithin: (_tx, events) => notifier.notifyWithin(BROKEN_OUTBOX, events),
    committed: () => undefined,
  };
}
