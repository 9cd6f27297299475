/**
 * `npm run bench:dashboard`: what the dashboard's pages ask of the API with many bounces stored (SQLite).
 * Seeds REBOUND_BENCH_DASHBOARD_BOUNCES bounce events (1,000,000) and a fifth as many sends over 30 days,
 * 500 receiving domains, written with plain SQL in one transaction for speed (the ingest path has its own
 * benchmark), fills the statistics' counters from them with migration 8's statements (timed), then times each request the Overview, Bounces and Addresses pages make: median of 3, in ms, with
 * the process's CPU time (less disturbed by other work on the machine than the wall clock).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { AccessService } from '../src/access/access-service.js';
import { buildApi } from '../src/api/app.js';
import { REASON_NAMES, REASONS } from '../src/classify/reasons.js';
import { backfill } from '../src/store/migrations/sqlite/0008-event-counts.js';
import { StoreReboundService } from '../src/service/rebound-service.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';

const BOUNCES = Number(process.env.REBOUND_BENCH_DASHBOARD_BOUNCES ?? 1_000_000);
const SENDS = Math.round(BOUNCES / 5);
const DOMAINS = 500;
const DAYS = 30;
const DAY_MS = 86_400_000;

function seed(file: string, accountId: string): void {
  const db = new Database(file);
  const now = Date.now();
  db.transaction(() => {
    const bounceId = db
      .prepare(
        `INSERT INTO bounces (account_id, received_at, sha256, raw, size, verdicts, message_id)
         VALUES (?, ?, 'bench', x'00', 1, '[]', NULL)`,
      )
      .run(accountId, new Date(now).toISOString()).lastInsertRowid;
    const insert = db.prepare(
      `INSERT INTO events (account_id, address, domain, type, at, received_at, reason, kind, status, diagnostic_code, bounce_id)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
    for (let i = 0; i < BOUNCES + SENDS; i++) {
      // Oldest first, as they would arrive: ids grow with time.
      const at = new Date(
        now - DAYS * DAY_MS + Math.floor((i / (BOUNCES + SENDS)) * DAYS * DAY_MS),
      ).toISOString();
      const domain = `d${i % DOMAINS}.example`;
      const address = `u${i % 200_000}@${domain}`;
      if (i % 6 === 5) {
        insert.run(accountId, address, domain, 'sent', at, at, null, null, null, null, null);
        continue;
      }
      const reason = REASON_NAMES[i % REASON_NAMES.length]!;
      const kind = REASONS[reason].kind;
      insert.run(
        accountId,
        address,
        domain,
        'bounced',
        at,
        at,
        reason,
        kind,
        '5.1.1',
        '550 5.1.1 no such user',
        bounceId,
      );
    }
  })();
  db.close();
}

/** The counters as migration 8 fills them on an upgraded database: the same statements, timed. */
function fillCounters(file: string): void {
  const db = new Database(file);
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  db.exec(backfill);
  const cpu = process.cpuUsage(cpuStart);
  const rows = (table: string) => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  console.log(
    `counters filled from the events (migration 8) in ${((performance.now() - start) / 1000).toFixed(1)} s (cpu ${((cpu.user + cpu.system) / 1e6).toFixed(1)} s): ${rows('event_counts')} hour rows, ${rows('domain_counts')} domain-day rows`,
  );
  db.exec('ANALYZE');
  db.close();
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-dash-bench-'));
  const file = join(dir, 'bench.db');
  let store = openSqliteStore(file);
  const account = await store.createAccount('bench');
  await store.close();
  const seeding = performance.now();
  seed(file, account.id);
  console.log(
    `seeded ${BOUNCES} bounces and ${SENDS} sends in ${((performance.now() - seeding) / 1000).toFixed(1)} s`,
  );
  fillCounters(file);

  store = openSqliteStore(file);
  const service = new StoreReboundService(store);
  const { secret } = await service.createApiKey(account.id, 'admin', 'bench');
  const app = await buildApi({
    service,
    checkStore: async () => undefined,
    access: new AccessService(store),
  });
  const since = new Date(Date.now() - 7 * DAY_MS).toISOString().slice(0, 10);
  const requests: [string, string][] = [
    ['overview: stats by day (30 days)', '/v1/stats?groupBy=day'],
    ['overview: stats by reason', '/v1/stats?groupBy=reason'],
    ['overview: stats by domain', '/v1/stats?groupBy=domain'],
    ['bounces: first page', '/v1/bounces?limit=50'],
    ['bounces: kind=hard', '/v1/bounces?limit=50&kind=hard'],
    ['bounces: reason=userunknown', '/v1/bounces?limit=50&reason=userunknown'],
    ['bounces: domain=d7.example', '/v1/bounces?limit=50&domain=d7.example'],
    ['bounces: since 7 days ago', `/v1/bounces?limit=50&since=${since}T00:00:00.000Z`],
    ['bounces: a domain with none', '/v1/bounces?limit=50&domain=none.example'],
    ['addresses: blocked, first page', '/v1/addresses?status=blocked&limit=50'],
  ];
  for (const [label, url] of requests) {
    const times: number[] = [];
    const cpu: number[] = [];
    for (let round = 0; round < 3; round++) {
      const cpuStart = process.cpuUsage();
      const start = performance.now();
      const response = await app.inject({
        method: 'GET',
        url,
        headers: { authorization: `Bearer ${secret}` },
      });
      times.push(performance.now() - start);
      const used = process.cpuUsage(cpuStart);
      cpu.push((used.user + used.system) / 1000);
      if (response.statusCode !== 200) throw new Error(`${url}: ${response.statusCode} ${response.body}`);
    }
    times.sort((a, b) => a - b);
    cpu.sort((a, b) => a - b);
    console.log(
      `${label.padEnd(34)} ${times[1]!.toFixed(1).padStart(8)} ms  (cpu ${cpu[1]!.toFixed(1).padStart(8)} ms)`,
    );
  }
  await app.close();
  await service.close();
  rmSync(dir, { recursive: true, force: true });
}

await main();
