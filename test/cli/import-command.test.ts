import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import { importAll, type BatchIngest } from '../../src/cli/import-command.js';
import type { Target } from '../../src/cli/target.js';
import { StoreReboundService } from '../../src/service/rebound-service.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { dsn, HARD, SOFT } from '../support/http-mails.js';
import { BACKENDS, withStore } from '../store/backends.js';

/**
 * The same folder imported one by one and in batches: the same tally, the same states. 400 mails make
 * batches of growing size (125, then 250, then the rest), prepared by two workers.
 */
for (const count of [7, 400]) {
  test(`import in batches counts what import one by one counts (${count} mails)`, async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-import-'));
    try {
      const mails = join(dir, 'mails');
      mkdirSync(mails);
      for (let i = 0; i < count; i++) {
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
      // The same local target without its batch entry: mails go one by one, as to a server.
      const single: Target = await localTarget(service, 'single');
      delete (single as Partial<BatchIngest>).ingestPrepared;
      const batched = await localTarget(service, 'batched');
      const sizes: number[] = [];
      const ingestPrepared = batched.ingestPrepared;
      batched.ingestPrepared = (prepared) => (sizes.push(prepared.length), ingestPrepared(prepared));
      const one = await importAll(single, [mails], { concurrency: 1, workers: 0 });
      const many = await importAll(batched, [mails], { concurrency: 1, workers: 2 });
      assert.deepEqual(sizes, count === 7 ? [count + 2] : [125, 250, count + 2 - 375]);
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
}

/**
 * An import stopped half way (here: run on the first half of the files) and run again on everything
 * finishes the job: what was stored counts as duplicates, nothing twice, the same states as one run.
 */
for (const backend of BACKENDS) {
  test(`${backend.name}: an interrupted import, run again, finishes without doubles`, (t) =>
    withStore(backend, t, async (h) => {
      const dir = mkdtempSync(join(tmpdir(), 'rebound-import-'));
      try {
        const all = join(dir, 'all');
        const half = join(dir, 'half');
        mkdirSync(all);
        mkdirSync(half);
        for (let i = 0; i < 40; i++) {
          const body = dsn({
            recipient: `user${i % 7}@example.org`,
            ...(i % 5 === 0 ? HARD : SOFT),
            id: `m${i}`,
          });
          writeFileSync(join(all, `${String(i).padStart(2, '0')}.eml`), body);
          if (i < 20) writeFileSync(join(half, `${String(i).padStart(2, '0')}.eml`), body);
        }
        writeFileSync(
          join(all, 'zz-note.eml'),
          'From: a@example.org\r\nSubject: hi\r\n\r\nNot a bounce.\r\n',
        );
        const service = new StoreReboundService(h.store);
        const resumed = await localTarget(service, 'resumed');
        const once = await localTarget(service, 'once');
        const options = { concurrency: 1, workers: 2 };

        const first = await importAll(resumed, [half], options);
        const again = await importAll(resumed, [all], options);
        const whole = await importAll(once, [all], options);
        assert.equal(first.tally.bounces, 20);
        assert.equal(again.tally.duplicates, 20);
        assert.equal(again.tally.bounces, 20);
        assert.equal(again.tally.notBounces, 1);
        assert.equal(whole.tally.bounces, 40);
        const addresses = Array.from({ length: 7 }, (_, i) => `user${i}@example.org`);
        assert.deepEqual(await resumed.check(addresses), await once.check(addresses));
        const count = async (target: Target) =>
          (await target.listAddresses({}, { limit: 100 })).items.map((a) => [a.address, a.softBounces]);
        assert.deepEqual(await count(resumed), await count(once));
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }));
}

async function localTarget(service: StoreReboundService, name: string): Promise<Target & BatchIngest> {
  const accountId = (await service.createAccount(name)).id;
  return {
    description: name,
    check: (addresses) => service.check(accountId, addresses),
    listAddresses: (filter, page) => service.listAddresses(accountId, filter, page),
    ingestBounce: (raw) => service.ingestBounce(accountId, raw),
    ingestPrepared: (mails) => service.ingestPrepared(accountId, mails),
    close: async () => undefined,
  };
}
