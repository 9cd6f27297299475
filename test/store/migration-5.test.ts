/** Schema 5 on a database made by schema 1: running soft streaks get their newest soft bounce. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql as pgInitial } from '../../src/store/migrations/postgres/0001-initial.js';
import { sql as sqliteInitial } from '../../src/store/migrations/sqlite/0001-initial.js';
import type { Store } from '../../src/store/store.js';
import { withOlderDatabase } from './backends.js';

/** An account with a soft streak (two soft bounces, an undetermined one, a sender refusal) and a blocked address. */
const DATA = `
INSERT INTO accounts (id, name, settings, created_at) VALUES ('acc', 'a', '{}', '2025-01-01T00:00:00.000Z');
INSERT INTO addresses (account_id, address, domain, status, soft_bounces, updated_at)
  VALUES ('acc', 'soft@example.org', 'example.org', 'soft', 3, '2025-01-05T00:00:00.000Z'),
         ('acc', 'dead@example.org', 'example.org', 'blocked', 0, '2025-01-05T00:00:00.000Z');
INSERT INTO events (account_id, address, domain, type, at, received_at, kind)
  VALUES ('acc', 'soft@example.org', 'example.org', 'bounced', '2025-01-02T00:00:00.000Z', '2025-01-02T00:00:00.000Z', 'soft'),
         ('acc', 'soft@example.org', 'example.org', 'bounced', '2025-01-04T00:00:00.000Z', '2025-01-04T00:00:00.000Z', 'undetermined'),
         ('acc', 'soft@example.org', 'example.org', 'bounced', '2025-01-03T00:00:00.000Z', '2025-01-03T00:00:00.000Z', 'soft'),
         ('acc', 'soft@example.org', 'example.org', 'bounced', '2025-01-09T00:00:00.000Z', '2025-01-09T00:00:00.000Z', 'sender'),
         ('acc', 'dead@example.org', 'example.org', 'bounced', '2025-01-03T00:00:00.000Z', '2025-01-03T00:00:00.000Z', 'soft');
`;

async function assertBackfilled(store: Store): Promise<void> {
  const rows = await store.getAddresses('acc', ['soft@example.org', 'dead@example.org']);
  assert.equal(rows.get('soft@example.org')?.lastSoftAt, '2025-01-04T00:00:00.000Z');
  assert.equal(rows.get('dead@example.org')?.lastSoftAt, null, 'only running streaks');
}

const INITIAL = { sqlite: sqliteInitial, postgres: pgInitial } as const;

for (const dialect of ['sqlite', 'postgres'] as const) {
  test(`${dialect}: schema 5 fills lastSoftAt of running soft streaks`, (t) =>
    withOlderDatabase(
      dialect,
      t,
      (db) =>
        db.exec(`${INITIAL[dialect]};
          INSERT INTO schema_migrations VALUES (1, 'initial', '2025-01-01T00:00:00.000Z');
          ${DATA}`),
      assertBackfilled,
    ));
}
