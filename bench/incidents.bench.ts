/**
 * `npm run bench:incidents`: what the sender guard costs at ingest, on SQLite (and PostgreSQL when
 * reachable). Distinct DSNs through the service, with and without the guard observing:
 *   hard      recipient-side bounces (the guard's prefilter: no query)
 *   sender    Spamhaus rejections from 20 receiving domains (evidence, incident refresh per mail)
 * Size: REBOUND_BENCH_BOUNCES (1000 of each).
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { createSenderGuard } from '../src/guard/sender-guard.js';
import { StoreReboundService } from '../src/service/rebound-service.js';
import { openPostgresStore } from '../src/store/postgres/pg-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';
import { dsn, HARD, SPAMHAUS } from '../test/support/http-mails.js';

const BOUNCES = Number(process.env.REBOUND_BENCH_BOUNCES ?? 1000);
const PG_URL = process.env.REBOUND_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';

function mails(kind: 'hard' | 'sender', run: string): Buffer[] {
  const reply = kind === 'hard' ? HARD : SPAMHAUS;
  return Array.from({ length: BOUNCES }, (_, i) =>
    Buffer.from(dsn({ recipient: `u${i}@d${i % 20}.example`, ...reply, id: `${run}-${kind}-${i}` })),
  );
}

async function rate(store: Store, guarded: boolean, kind: 'hard' | 'sender'): Promise<number> {
  const holder: { service?: StoreReboundService } = {};
  const guard = createSenderGuard({
    store,
    notifier: {
      notifyWithin: async () => undefined,
      committed: () => undefined,
    },
    policySettings: (id) => (holder.service as StoreReboundService).getSettings(id),
    dnsServers: [],
  });
  const service = new StoreReboundService(store, guarded ? [guard.observer] : []);
  holder.service = service;
  const account = await store.createAccount(`bench-${guarded}-${kind}`);
  const raws = mails(kind, randomBytes(4).toString('hex'));
  const start = performance.now();
  for (const raw of raws) await service.ingestBounce(account.id, raw);
  return BOUNCES / ((performance.now() - start) / 1000);
}

async function bench(
  name: string,
  open: () => Promise<{ store: Store; drop(): Promise<void> }>,
): Promise<void> {
  const { store, drop } = await open();
  try {
    for (const kind of ['hard', 'sender'] as const) {
      const without = await rate(store, false, kind);
      const withGuard = await rate(store, true, kind);
      console.log(
        `${name.padEnd(8)} ${kind.padEnd(6)} without guard ${without.toFixed(0).padStart(6)} bounces/s   with guard ${withGuard.toFixed(0).padStart(6)} bounces/s`,
      );
    }
  } finally {
    await drop();
  }
}

await bench('sqlite', async () => {
  const store = openSqliteStore(':memory:');
  return { store, drop: () => store.close() };
});

const admin = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
try {
  await admin.connect();
  const schema = `rb_bench_${randomBytes(4).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  await bench('postgres', async () => {
    const store = await openPostgresStore({ connectionString: PG_URL, schema, max: 4 });
    return {
      store,
      drop: async () => {
        await store.close();
        await admin.query(`DROP SCHEMA ${schema} CASCADE`);
      },
    };
  });
} catch (error) {
  console.log(`postgres skipped: ${(error as Error).message}`);
} finally {
  await admin.end().catch(() => undefined);
}
