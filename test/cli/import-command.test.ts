import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importAll, type BatchIngest } from '../../src/cli/import-command.js';
import type { Target } from '../../src/cli/target.js';
import type { PreparedMail } from '../../src/service/ingest-batch.js';
import { StoreReboundService } from '../../src/service/rebound-service.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { dsn, HARD, SOFT } from '../support/http-mails.js';

/** The same folder imported one by one and in batches: the same tally, the same states. */
test('import in batches counts what import one by one counts', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-import-'));
  try {
    const mails = join(dir, 'mails');
    mkdirSync(mails);
    for (let i = 0; i < 7; i++) {
      const body = dsn({
        recipient: `user${i % 3}@example.org`,
        ...(i % 2 === 0 ? HARD : SOFT),
        id: `m${i}`,
      });
      writeFileSync(join(mails, `${i}.eml`), body);
    }
    writeFileSync(join(mails, 'copy.eml'), dsn({ recipient: 'user0@example.org', ...HARD, id: 'm0' }));
    writeFileSync(join(mails, 'note.eml'), 'From: a@example.org\r\nSubject: hi\r\n\r\nNot a bounce.\r\n');

    const store = openSqliteStore(join(dir, 'rebound.db'));
    const service = new StoreReboundService(store);
    const targetOn = async (batched: boolean): Promise<Target & Partial<BatchIngest>> => {
      const accountId = (await service.createAccount(batched ? 'batched' : 'single')).id;
      return {
        description: 'test',
        check: (addresses) => service.check(accountId, addresses),
        listAddresses: (filter, page) => service.listAddresses(accountId, filter, page),
        ingestBounce: (raw) => service.ingestBounce(accountId, raw),
        ...(batched
          ? { ingestPrepared: (mails: PreparedMail[]) => service.ingestPrepared(accountId, mails) }
          : {}),
        close: async () => undefined,
      };
    };
    const single = await targetOn(false);
    const batched = await targetOn(true);
    const one = await importAll(single, [mails], { concurrency: 1, workers: 0 });
    const many = await importAll(batched, [mails], { concurrency: 1, workers: 2 });
    assert.equal(many.status, one.status);
    assert.equal(many.tally.summary(0), one.tally.summary(0));
    assert.match(many.tally.summary(0), /duplicates\s+1/);
    assert.match(many.tally.summary(0), /not bounces\s+1/);
    const addresses = ['user0@example.org', 'user1@example.org', 'user2@example.org'];
    assert.deepEqual(await batched.check(addresses), await single.check(addresses));
    await store.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
