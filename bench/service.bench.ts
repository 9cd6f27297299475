/**
 * `npm run bench:service`: the service's throughput on SQLite and, when reachable, PostgreSQL.
 *   bounces/s   distinct DSNs POSTed to /v1/bounces through the API (inject: no socket, all the rest real)
 *   import      mails/s of `rebound import`'s loop over the corpus's maildir/bsd copied N times, for each
 *               N: a short import (8 copies, 5,032 mails: start-up and V8's warm-up weigh in) and a long
 *               one (32 copies, 20,128 mails: the pace of a large mailbox)
 *   check       recipients/s of one 100,000-recipient POST /v1/check against 1,000,000 stored addresses
 * Sizes: REBOUND_BENCH_BOUNCES (2000), REBOUND_BENCH_COPIES (8,32: a list), REBOUND_BENCH_ADDRESSES (1000000);
 * REBOUND_BENCH_WORKERS (import's threads, default as `rebound import`); REBOUND_TEST_PG for the PostgreSQL server; REBOUND_BENCH_ONLY=bounces,import,check runs only those.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { buildApi } from '../src/api/app.js';
import { defaultWorkers, importAll } from '../src/cli/import-command.js';
import { tuneJitForImport } from '../src/cli/import-jit.js';
import type { Target } from '../src/cli/target.js';
import type { BatchIngest } from '../src/cli/import-command.js';
import { localOn } from '../src/local.js';
import { openPostgresStore } from '../src/store/postgres/pg-store.js';
import { openSqliteStore } from '../src/store/sqlite/sqlite-store.js';
import { freshAddressRow, type AddressRow, type Store } from '../src/store/store.js';
import { dsn, HARD, SOFT } from '../test/support/http-mails.js';
import { findCorpus } from './bench-dir.js';

const REPO = resolve(fileURLToPath(import.meta.url), '../../..');
const BOUNCES = Number(process.env.REBOUND_BENCH_BOUNCES ?? 2000);
const COPIES = (process.env.REBOUND_BENCH_COPIES ?? '8,32').split(',').map(Number);
const ADDRESSES = Number(process.env.REBOUND_BENCH_ADDRESSES ?? 1_000_000);
const RECIPIENTS = 100_000;
const PG_URL = process.env.REBOUND_TEST_PG ?? 'postgres://postgres@127.0.0.1:5432/test';
/** Import's classifying threads: as `rebound import` by default. */
const WORKERS = Number(process.env.REBOUND_BENCH_WORKERS ?? defaultWorkers());
const ONLY = new Set((process.env.REBOUND_BENCH_ONLY ?? 'bounces,import,check').split(','));

interface Opened {
  store: Store;
  /** Brings the planner's statistics up to date after seeding, as autovacuum would soon after. */
  analyze(): Promise<void>;
  drop(): Promise<void>;
}

/** One import of the corpus copied N times. */
interface ImportFigures {
  mails: number;
  perSecond: number;
  /** CPU of this process per imported mail (all threads, and the main thread alone), µs. */
  cpu: number;
  mainCpu: number;
  /** PostgreSQL statements sent per imported mail: each is one round trip's wait. */
  trips: number;
}

interface Figures {
  store: string;
  bouncesPerSecond: number;
  /** PostgreSQL statements sent per API bounce. */
  bounceTrips: number;
  imports: ImportFigures[];
  checkPerSecond: number;
  checkMs: number;
  /** CPU of this process for one check call (the least of the rounds), ms: moves less than the wall clock. */
  checkCpuMs: number;
}

async function benchStore(name: string, open: () => Promise<Opened>): Promise<Figures> {
  const skipped = { checkMs: NaN, checkPerSecond: NaN, checkCpuMs: NaN };
  let bounces = NaN;
  let bounceTrips = NaN;
  if (ONLY.has('bounces')) {
    const api = await open();
    const trips = roundTrips;
    bounces = await benchBounces(api.store);
    bounceTrips = (roundTrips - trips) / BOUNCES;
    await api.drop();
  }
  const check = ONLY.has('check') ? await benchCheck(await open()) : skipped;
  return {
    store: name,
    bouncesPerSecond: bounces,
    bounceTrips: name === 'PostgreSQL' ? bounceTrips : NaN,
    imports: [],
    checkPerSecond: check.checkPerSecond,
    checkMs: check.checkMs,
    checkCpuMs: check.checkCpuMs,
  };
}

/** The imports of each size, on fresh stores. */
async function benchImports(name: string, open: () => Promise<Opened>, corpus: string) {
  const imports: ImportFigures[] = [];
  for (const copies of COPIES) {
    const trips = roundTrips;
    const imp = await benchImport(await open(), corpus, copies);
    imports.push({ ...imp, trips: name === 'PostgreSQL' ? (roundTrips - trips) / imp.mails : NaN });
  }
  return imports;
}

/** The API on the service as the server wires it (guard store, incident tracker, holds), minus the sockets. */
async function apiOn(store: Store) {
  const { service } = await localOn(store);
  const account = await store.createAccount('bench');
  const key = (await service.createApiKey(account.id, 'admin', 'bench')).secret;
  const app = await buildApi({ service, checkStore: async () => void (await store.firstAccount()) });
  return { app, service, accountId: account.id, headers: { authorization: `Bearer ${key}` } };
}

async function benchBounces(store: Store): Promise<number> {
  const { app, headers } = await apiOn(store);
  const mails = Array.from({ length: BOUNCES }, (_, i) =>
    dsn({ recipient: `user${i % 500}@example.org`, ...(i % 3 === 0 ? HARD : SOFT), id: `b${i}` }),
  );
  const started = performance.now();
  for (const payload of mails) {
    const response = await app.inject({
      method: 'POST',
      url: '/v1/bounces',
      headers: { ...headers, 'content-type': 'message/rfc822' },
      payload,
    });
    if (response.statusCode !== 202)
      throw new Error(`POST /v1/bounces: ${response.statusCode} ${response.body}`);
  }
  const perSecond = BOUNCES / ((performance.now() - started) / 1000);
  await app.close();
  return perSecond;
}

/** Each copy gets its own header line: identical bytes would be counted once and cost nothing. */
function corpusCopies(source: string, copies: number): { dir: string; files: number } {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-import-'));
  const names = readdirSync(source).filter((name) => !name.startsWith('.'));
  for (let copy = 0; copy < copies; copy++) {
    const sub = join(dir, String(copy));
    mkdirSync(sub);
    for (const name of names) {
      const bytes = readFileSync(join(source, name));
      writeFileSync(join(sub, name), Buffer.concat([Buffer.from(`X-Rebound-Bench-Copy: ${copy}\n`), bytes]));
    }
  }
  return { dir, files: names.length * copies };
}

async function benchImport(opened: Opened, corpus: string, copies: number) {
  const { dir } = corpusCopies(corpus, copies);
  // Wired as `rebound import` is (the composition root): the guard's store and the incident tracker count.
  const local = await localOn(opened.store);
  const { service, accountId } = local;
  const target: Target & BatchIngest = {
    description: 'bench',
    check: (addresses) => service.check(accountId, addresses),
    listAddresses: (filter, page) => service.listAddresses(accountId, filter, page),
    ingestBounce: (raw) => service.ingestBounce(accountId, raw),
    ingestPrepared: (mails) => service.ingestPrepared(accountId, mails),
    close: async () => undefined,
  };
  const started = performance.now();
  const cpu = process.cpuUsage();
  const mainCpu = mainThreadCpuMs();
  const { tally } = await importAll(target, [dir], { concurrency: 1, workers: WORKERS });
  const seconds = (performance.now() - started) / 1000;
  const { user, system } = process.cpuUsage(cpu);
  const mainMs = mainThreadCpuMs() - mainCpu;
  await local.guard.stop();
  rmSync(dir, { recursive: true, force: true });
  await opened.drop();
  return {
    mails: tally.mails,
    perSecond: tally.mails / seconds,
    cpu: (user + system) / tally.mails,
    mainCpu: (mainMs * 1000) / tally.mails,
  };
}

/**
 * CPU time of the main thread alone, ms (Linux: /proc, 10 ms ticks). With other jobs on the cores the
 * wall clock says little; CPU per mail, all threads and main thread, says where an import's time goes.
 */
function mainThreadCpuMs(): number {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return NaN;
  }
}

/**
 * Seeds through the store interface, in large transactions of one batched write each, a tenth of the
 * addresses blocked. Several at once: PostgreSQL runs them on separate connections; SQLite queues them.
 */
async function seed(store: Store, accountId: string): Promise<void> {
  const now = new Date().toISOString();
  const batch = 20_000;
  const starts = Array.from({ length: Math.ceil(ADDRESSES / batch) }, (_, i) => i * batch);
  const row = (i: number): AddressRow => {
    const fresh = freshAddressRow(accountId, `user${i}@domain${i % 1000}.example`, now);
    return i % 10 === 0 ? { ...fresh, status: 'blocked', reason: 'userunknown', blockedAt: now } : fresh;
  };
  const worker = async (): Promise<void> => {
    for (let start = starts.shift(); start !== undefined; start = starts.shift()) {
      const end = Math.min(ADDRESSES, start + batch);
      const rows = Array.from({ length: end - start }, (_, k) => row(start + k));
      await store.transaction((tx) => tx.writeAddresses(rows));
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

async function benchCheck(opened: Opened) {
  const { app, accountId, headers } = await apiOn(opened.store);
  const seeding = performance.now();
  await seed(opened.store, accountId);
  await opened.analyze();
  process.stderr.write(
    `  seeded ${ADDRESSES} addresses in ${((performance.now() - seeding) / 1000).toFixed(1)} s\n`,
  );
  // Half known (spread over the table), half never seen.
  const recipients = Array.from({ length: RECIPIENTS }, (_, i) =>
    i % 2 === 0
      ? `user${(i * 7919) % ADDRESSES}@domain${((i * 7919) % ADDRESSES) % 1000}.example`
      : `new${i}@fresh.example`,
  );
  const payload = JSON.stringify({ recipients });
  let best = Infinity;
  let leastCpu = Infinity;
  for (let round = 0; round < 3; round++) {
    const started = performance.now();
    const cpu = process.cpuUsage();
    const response = await app.inject({
      method: 'POST',
      url: '/v1/check',
      headers: { ...headers, 'content-type': 'application/json' },
      payload,
    });
    const ms = performance.now() - started;
    const { user, system } = process.cpuUsage(cpu);
    leastCpu = Math.min(leastCpu, (user + system) / 1000);
    if (response.statusCode !== 200)
      throw new Error(`POST /v1/check: ${response.statusCode} ${response.body.slice(0, 300)}`);
    best = Math.min(best, ms);
  }
  await app.close();
  await opened.drop();
  return { checkMs: best, checkPerSecond: RECIPIENTS / (best / 1000), checkCpuMs: leastCpu };
}

async function sqliteStore(): Promise<Opened> {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-bench-db-'));
  const store = openSqliteStore(join(dir, 'rebound.db'));
  return {
    store,
    // The send gate's query is driven by its list and the primary key: no statistics to gather.
    analyze: async () => undefined,
    drop: async () => (await store.close(), rmSync(dir, { recursive: true, force: true })),
  };
}

async function postgresStore(): Promise<Opened> {
  const schema = `rb_bench_${randomBytes(6).toString('hex')}`;
  await pgQuery(`CREATE SCHEMA ${schema}`);
  const store = await openPostgresStore({ connectionString: PG_URL, schema });
  return {
    store,
    analyze: () => pgQuery(`ANALYZE ${schema}.addresses`),
    drop: async () => (await store.close(), await pgQuery(`DROP SCHEMA ${schema} CASCADE`)),
  };
}

/** Statements sent to PostgreSQL (every pool query goes through a client's query). */
let roundTrips = 0;
const clientQuery = pg.Client.prototype.query;
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  roundTrips++;
  return (clientQuery as (...a: unknown[]) => unknown).apply(this, args);
} as typeof clientQuery;

async function pgQuery(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: PG_URL, connectionTimeoutMillis: 2000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

function report(all: Figures[], corpus: string | undefined): void {
  const n = (x: number): string => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
  const fixed = (x: number, digits: number): string => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
  const lines = [
    `| store | bounces/s via API | PostgreSQL statements per bounce | check recipients/s (100k vs ${n(ADDRESSES)}) | check CPU ms/call |`,
    '| --- | ---: | ---: | ---: | ---: |',
    ...all.map(
      (f) =>
        `| ${f.store} | ${n(f.bouncesPerSecond)} | ${fixed(f.bounceTrips, 2)} | ${n(f.checkPerSecond)} (${fixed(f.checkMs, 0)} ms) | ${fixed(f.checkCpuMs, 0)} |`,
    ),
    '',
    '| store | import: mails | mails/s | CPU µs/mail (all threads / main) | PostgreSQL statements per mail |',
    '| --- | ---: | ---: | ---: | ---: |',
    ...all.flatMap((f) =>
      f.imports.map(
        (i) =>
          `| ${f.store} | ${n(i.mails)} | ${n(i.perSecond)} | ${n(i.cpu)} / ${n(i.mainCpu)} | ${fixed(i.trips, 2)} |`,
      ),
    ),
  ];
  process.stdout.write(
    `\nNode ${process.version}; load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(
        ' ',
      )}; import workers ${WORKERS}; ${BOUNCES} bounces; corpus ${corpus ?? 'not found: import skipped'} x${COPIES.join(', x')}\n\n`,
  );
  process.stdout.write(lines.join('\n') + '\n');
}

const corpus = findCorpus(REPO);
const stores: [string, () => Promise<Opened>][] = [['SQLite', sqliteStore]];
try {
  await pgQuery('SELECT 1');
  stores.push(['PostgreSQL', postgresStore]);
} catch (error) {
  process.stderr.write(
    `PostgreSQL not reachable at ${PG_URL} (${(error as Error).message}): set REBOUND_TEST_PG=postgres://...\n`,
  );
}
const results: Figures[] = [];
for (const [name, open] of stores) {
  process.stderr.write(`${name}\n`);
  results.push(await benchStore(name, open));
}
// The imports last: with workers, V8 is tuned as \`rebound import\` tunes it (src/cli/import-jit.ts), for
// the whole process from then on.
if (corpus !== undefined && ONLY.has('import')) {
  if (WORKERS > 0) tuneJitForImport();
  for (const [i, [name, open]] of stores.entries()) {
    process.stderr.write(`${name}: import\n`);
    (results[i] as Figures).imports = await benchImports(name, open, corpus);
  }
}
report(results, corpus);
