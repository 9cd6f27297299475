/** Schema 8 on a database that already holds events: the counters are filled, the statistics unchanged. */
import { test } from 'node:test';
import { POSTGRES_MIGRATIONS } from '../../src/store/migrations/postgres/index.js';
import { SQLITE_MIGRATIONS } from '../../src/store/migrations/sqlite/index.js';
import { domainOf } from '../../src/store/store.js';
import { prng } from '../support/mail-mutations.js';
import { withOlderDatabase } from './backends.js';
import { assertSameCounts, randomEvent, randomRange, testSeed } from './stats-oracle.js';

const EVENTS = 600;
const MIGRATIONS = { sqlite: SQLITE_MIGRATIONS, postgres: POSTGRES_MIGRATIONS } as const;

for (const dialect of ['sqlite', 'postgres'] as const) {
  test(`${dialect}: schema 8 fills the counters from the events already stored`, (t) => {
    const seed = testSeed();
    const rnd = prng(seed);
    const context = `seed ${seed} (REBOUND_TEST_SEED=${seed} replays it)`;
    return withOlderDatabase(
      dialect,
      t,
      // Every migration before 8, then events written with plain SQL as an older Rebound stored them.
      async (db) => {
        const before = MIGRATIONS[dialect].filter((m) => m.version < 8);
        await db.exec(`${before.map((m) => m.sql).join(';\n')};
          INSERT INTO accounts (id, name, settings, created_at)
          VALUES ('acc1', 'a', '{}', '2025-01-01T00:00:00.000Z'), ('acc2', 'b', '{}', '2025-01-01T00:00:00.000Z')`);
        const p = (i: number) => (dialect === 'sqlite' ? '?' : `$${i}`);
        for (const m of before) {
          await db.query(
            `INSERT INTO schema_migrations VALUES (${p(1)}, ${p(2)}, '2025-01-01T00:00:00.000Z')`,
            [m.version, m.name],
          );
        }
        const insert = `INSERT INTO events (account_id, address, domain, type, at, received_at, reason, kind)
          VALUES (${[1, 2, 3, 4, 5, 6, 7, 8].map(p).join(', ')})`;
        for (let i = 0; i < EVENTS; i++) {
          const e = randomEvent(rnd, rnd() < 0.7 ? 'acc1' : 'acc2');
          await db.query(insert, [
            e.accountId,
            e.address,
            domainOf(e.address),
            e.type,
            e.at,
            e.receivedAt,
            e.reason,
            e.kind,
          ]);
        }
      },
      async (store, db) => {
        const whole = { from: '2026-02-20T00:00:00.000Z', to: '2026-03-10T00:00:00.000Z' };
        await assertSameCounts(store, db.query, 'acc1', whole, context);
        await assertSameCounts(store, db.query, 'acc2', whole, context);
        for (let i = 0; i < 10; i++)
          await assertSameCounts(store, db.query, 'acc1', randomRange(rnd), context);
      },
    );
  });
}
