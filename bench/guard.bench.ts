/**
 * `npm run bench:guard`: what the deliverability guard costs an ingest. POST /v1/events-style batches of
 * sends (with a campaign) and bounces (tied to them by Message-ID) through the service, on SQLite (a temp
 * file) and, when reachable, PostgreSQL, with and without the guard's commit listener (counters, campaign
 * lookups, alert evaluation of the touched scopes, outbox writes for state changes).
 * Sizes: REBOUND_BENCH_GUARD_EVENTS (20000 sends; 5% bounce), REBOUND_BENCH_GUARD_BATCH (500).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildGuardCore } from '../src/guard/guard-core.js';
import { StoreReboundService } from '../src/service/rebound-service.js';
import type { EventInput } from '../src/service/types.js';
import { openPostgresStore } from '../src/store/postgres/pg-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import type { Store } from '../src/store/store.js';

const SENDS = Number(process.env.REBOUND_BENCH_GUARD_EVENTS ?? 20_000);
const BATCH = Number(process.env.REBOUND_BENCH_GUARD_BATCH ?? 500);
const PG_URL = process.env.REBOUND_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
const quiet = { warn: () => undefined, error: () => undefined };

function batches(): EventInput[][] {
  const events: EventInput[] = [];
  for (let i = 0; i < SENDS; i++) {
    const recipient = `r${i}@d${i % 50}.example`;
    events.push({ type: 'sent', recipient, messageId: `<m${i}@crm>`, campaign: `c${i % 10}` });
    if (i % 20 === 19)
      events.push({ type: 'bounced', recipient, messageId: `m${i}@crm`, reason: 'userunknown' });
  }
  const out: EventInput[][] = [];
  for (let i = 0; i < events.length; i += BATCH) out.push(events.slice(i, i + BATCH));
  return out;
}

async function run(
  label: string,
  open: () => Promise<{ store: Store; drop(): Promise<void> }>,
): Promise<void> {
  for (const guarded of [false, true]) {
    const { store, drop } = await open();
    const core = guarded ? buildGuardCore(store, quiet) : undefined;
    const service = new StoreReboundService(
      core?.store ?? store,
      [],
      core === undefined ? [] : [core.pauses],
    );
    const { id } = await store.createAccount('bench');
    if (core !== undefined) await core.guard.updateAlertSettings(id, { minSends: 1000 });
    const work = batches();
    const started = process.hrtime.bigint();
    for (const batch of work) await service.ingestEvents(id, batch);
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    const count = work.reduce((n, b) => n + b.length, 0);
    const alerts =
      core === undefined ? 0 : (await core.guard.listAlerts(id, {}, { limit: 1000 })).items.length;
    console.log(
      `${label.padEnd(9)} ${guarded ? 'guard on ' : 'guard off'}  ${count} events in ${seconds.toFixed(2)} s  ` +
        `${Math.round(count / seconds)} events/s${guarded ? `  (${alerts} alerts opened)` : ''}`,
    );
    await core?.stop();
    await drop();
  }
}

await run('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-guard-'));
  const store = openSqliteStore(join(dir, 'r.db'));
  return { store, drop: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })) };
});
try {
  const schema = `bench_guard_${process.pid}`;
  const admin = await openPostgresStore({ connectionString: PG_URL });
  await admin.close();
  const pg = (await import('pg')).default;
  const sql = async (text: string) => {
    const c = new pg.Client({ connectionString: PG_URL });
    await c.connect();
    await c.query(text);
    await c.end();
  };
  await run('postgres', async () => {
    await sql(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
    const store = await openPostgresStore({ connectionString: PG_URL, schema });
    return { store, drop: async () => (await store.close(), await sql(`DROP SCHEMA ${schema} CASCADE`)) };
  });
} catch (error) {
  console.log(`postgres  skipped: ${(error as Error).message}`);
}
