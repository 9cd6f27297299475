import type { TestContext } from 'node:test';
import { test } from 'node:test';
import { StoreReboundService } from '../../src/service/rebound-service.js';
import { withStore, type Backend, type Harness } from '../store/backends.js';

export interface Ctx {
  svc: StoreReboundService;
  accountId: string;
  h: Harness;
  /** Restart: close the store, open it again, a new service on it. */
  restart(): Promise<StoreReboundService>;
}

/** Declares one test per backend, each on a fresh store with one account. */
export function onEachStore(
  backends: readonly Backend[],
  name: string,
  fn: (ctx: Ctx) => Promise<void>,
): void {
  for (const backend of backends) {
    test(`${backend.name}: ${name}`, (t: TestContext) =>
      withStore(backend, t, async (h) => {
        const svc = new StoreReboundService(h.store);
        const { id } = await svc.createAccount('acme');
        const ctx: Ctx = {
          svc,
          accountId: id,
          h,
          async restart() {
            ctx.svc = new StoreReboundService(await h.reopen());
            return ctx.svc;
          },
        };
        await fn(ctx);
      }));
  }
}

/** ISO time n days after a fixed start: event times that tests can order. */
export function day(n: number): string {
  return new Date(Date.UTC(2026, 0, 1) + n * 86_400_000).toISOString();
}

export function bytes(text: string): Uint8Array {
  return new TextEncoder().encode(text);
}
