/**
 * Pauses in the SMTP relay: a held recipient gets 451 with the pause's sentence at RCPT, a paused
 * campaign (X-Rebound-Campaign) gets it at DATA, nothing is spooled or lost, and after the resume the same
 * mail goes through, its send counted for its campaign.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { buildGuardCore } from '../../src/guard/guard-core.js';
import { StoreReboundService } from '../../src/service/rebound-service.js';
import { openSqliteStore } from '../../src/store/sqlite/sqlite-store.js';
import { talk } from '../capture/inbound/smtp-talk.js';
import { startFakeUpstream } from '../capture/relay/fake-upstream.js';
import { relayOn, spoolFiles, waitFor } from '../capture/relay/relay-harness.js';

const quiet = { warn: () => undefined, error: () => undefined };
const plain = (key: string): string => Buffer.from(`\0crm\0${key}`).toString('base64');

test('a pause holds mail in the relay with 451; resume lets it through', async (t) => {
  const store = openSqliteStore(':memory:');
  const core = buildGuardCore(store, quiet);
  const service = new StoreReboundService(core.store, [], [core.pauses]);
  const { id: accountId } = await service.createAccount('crm');
  const { secret: key } = await service.createApiKey(accountId, 'user', 'crm');
  const spoolDir = mkdtempSync(join(tmpdir(), 'rebound-spool-'));
  const cleanups: (() => Promise<void> | void)[] = [];
  t.after(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
    await core.stop();
    await service.close();
    rmSync(spoolDir, { recursive: true, force: true });
  });
  const w = {
    service,
    accountId,
    key,
    spoolDir,
    defer: (c: () => Promise<void> | void) => void cleanups.push(c),
  };
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const relay = await relayOn(w, upstream.url);
  const smtp = await talk(relay.port);
  w.defer(() => smtp.destroy());

  const domainPause = await core.guard.pause(
    accountId,
    { kind: 'domain', domain: 'example.org' },
    'key:admin',
    'IP warm-up',
  );
  await core.guard.pause(accountId, { kind: 'campaign', campaign: 'spring' }, 'key:admin', 'bad list');
  await smtp.command('EHLO crm.example');
  assert.match(await smtp.command(`AUTH PLAIN ${plain(key)}`), /^235 /);
  assert.match(await smtp.command('MAIL FROM:<news@crm.example>'), /^250 /);
  const held = await smtp.command('RCPT TO:<ann@example.org>');
  assert.match(
    held,
    /^451 4\.3\.0 sending held: pause - Sending for mail to example\.org is paused by key:admin: IP warm-up\./,
  );
  assert.match(await smtp.command('RCPT TO:<bob@example.com>'), /^250 /);
  assert.match(await smtp.command('DATA'), /^354 /);
  smtp.write('X-Rebound-Campaign: spring\r\nSubject: hi\r\n\r\nbody\r\n.\r\n');
  assert.match(
    await smtp.reply(),
    /^451 4\.3\.0 sending held: pause - Sending for campaign 'spring' is paused/,
  );
  assert.deepEqual(spoolFiles(spoolDir), [], 'nothing queued: the client keeps the mail and retries');
  assert.equal((await service.getAddress(accountId, 'ann@example.org')) ?? 'never seen', 'never seen');

  await core.guard.resume(accountId, domainPause.id, 'key:admin', 'warm');
  const spring = (await core.guard.listPauses(accountId, 'active', {})).items[0];
  await core.guard.resume(accountId, spring?.id ?? '', 'key:admin', 'list cleaned');
  assert.match(await smtp.command('RSET'), /^250 /);
  assert.match(await smtp.command('MAIL FROM:<news@crm.example>'), /^250 /);
  assert.match(await smtp.command('RCPT TO:<ann@example.org>'), /^250 /);
  assert.match(await smtp.command('DATA'), /^354 /);
  smtp.write('X-Rebound-Campaign: spring\r\nSubject: hi\r\n\r\nbody\r\n.\r\n');
  assert.match(await smtp.reply(), /^250 /);
  await waitFor('the delivery', () => upstream.received.length === 1);
  await waitFor('the send counted for its campaign', async () => {
    const oldestHour = new Date(Date.now() - 3600_000).toISOString().slice(0, 13);
    const spring = { kind: 'campaign', key: 'spring' } as const;
    const counts = (await store.guard.rateWindows(accountId, [spring], oldestHour)).get('campaign spring');
    return counts !== undefined && counts.oldest.sent + counts.later.sent === 1;
  });
});
