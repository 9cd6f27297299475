/** The CRM rules end to end over HTTP, on both stores: what a CRM sees through POST /v1/check. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { complaint, dsn, HARD, SOFT, SPAMHAUS } from '../support/http-mails.js';
import { onEachStore, openTestStore, startApi, type Api } from './harness.js';

interface Checked {
  address: string;
  allowed: boolean;
  state: string;
  reason: string | null;
}

async function check(api: Api, address: string): Promise<Checked> {
  const response = await api.json('POST', '/v1/check', { recipients: [address] });
  assert.equal(response.statusCode, 200, response.body);
  return (response.json() as { results: Checked[] }).results[0] as Checked;
}

async function bounce(api: Api, raw: string): Promise<{ duplicate: boolean; verdicts: { kind: string }[] }> {
  const response = await api.mail(raw);
  assert.equal(response.statusCode, 202, response.body);
  return response.json();
}

function day(n: number): string {
  return new Date(Date.UTC(2025, 0, n, 12)).toISOString();
}

async function softBounces(api: Api, recipient: string, days: number[]): Promise<void> {
  for (const n of days) await bounce(api, dsn({ recipient, ...SOFT, id: `${recipient}-${n}`, at: day(n) }));
}

onEachStore('6 consecutive soft bounces block, 5 do not', async (_t, api) => {
  await softBounces(api, 'five@example.org', [1, 2, 3, 4, 5]);
  await softBounces(api, 'six@example.org', [1, 2, 3, 4, 5, 6]);
  const five = await check(api, 'five@example.org');
  assert.deepEqual([five.allowed, five.state, five.reason], [true, 'soft', 'mailboxfull']);
  const six = await check(api, 'six@example.org');
  assert.deepEqual([six.allowed, six.state, six.reason], [false, 'blocked', 'mailboxfull']);
});

onEachStore('a delivery ends the soft streak', async (_t, api) => {
  await softBounces(api, 'reset@example.org', [1, 2, 3]);
  const delivered = await api.json('POST', '/v1/events', {
    events: [{ type: 'delivered', recipient: 'reset@example.org', messageId: '<m4@crm>', at: day(4) }],
  });
  assert.equal(delivered.statusCode, 202, delivered.body);
  assert.equal(delivered.json().results[0].status, 'active');
  await softBounces(api, 'reset@example.org', [5, 6, 7, 8, 9]);
  const detail = (await api.json('GET', '/v1/addresses/reset@example.org')).json();
  assert.deepEqual([detail.status, detail.softBounces], ['soft', 5]);
  assert.equal((await check(api, 'reset@example.org')).allowed, true);
});

onEachStore('a hard bounce blocks at once and says why', async (_t, api) => {
  const result = await bounce(api, dsn({ recipient: 'gone@example.org', ...HARD, id: 'h1' }));
  assert.deepEqual(
    result.verdicts.map((v) => v.kind),
    ['hard'],
  );
  const checked = await check(api, 'gone@example.org');
  assert.deepEqual([checked.allowed, checked.state, checked.reason], [false, 'blocked', 'userunknown']);
  const detail = (await api.json('GET', '/v1/addresses/gone@example.org')).json();
  // The address's state under the send gate's name, and under the name the views had first.
  assert.deepEqual([detail.state, detail.status, detail.blockedAt !== null], ['blocked', 'blocked', true]);
  assert.equal(detail.decidedBy.reason, 'userunknown');
  assert.ok(detail.history.length >= 1);
  assert.match(detail.explanation, /\S/);
});

onEachStore('a complaint blocks', async (_t, api) => {
  await bounce(api, complaint('angry@example.org', 'c1'));
  const checked = await check(api, 'angry@example.org');
  assert.deepEqual([checked.allowed, checked.state, checked.reason], [false, 'blocked', 'complaint']);
});

onEachStore('a Spamhaus rejection of the sender leaves the address allowed', async (_t, api) => {
  const result = await bounce(api, dsn({ recipient: 'fine@example.org', ...SPAMHAUS, id: 's1' }));
  assert.deepEqual(
    result.verdicts.map((v) => v.kind),
    ['sender'],
  );
  const checked = await check(api, 'fine@example.org');
  assert.deepEqual([checked.allowed, checked.state], [true, 'active']);
  const listed = (await api.json('GET', '/v1/bounces?kind=sender')).json();
  assert.deepEqual(
    listed.items.map((b: { recipient: string }) => b.recipient),
    ['fine@example.org'],
  );
});

onEachStore('the same bounce twice counts once', async (_t, api) => {
  const raw = dsn({ recipient: 'twice@example.org', ...SOFT, id: 'd1' });
  assert.equal((await bounce(api, raw)).duplicate, false);
  assert.equal((await bounce(api, raw)).duplicate, true);
  const detail = (await api.json('GET', '/v1/addresses/twice@example.org')).json();
  assert.equal(detail.softBounces, 1);
  assert.equal((await api.json('GET', '/v1/bounces')).json().items.length, 1);
});

onEachStore('a late soft bounce older than a delivery does not block', async (_t, api) => {
  await softBounces(api, 'late@example.org', [1, 2, 3, 4, 5]);
  await api.json('POST', '/v1/events', {
    events: [{ type: 'delivered', recipient: 'late@example.org', messageId: '<m7@crm>', at: day(7) }],
  });
  await softBounces(api, 'late@example.org', [6]);
  assert.equal((await check(api, 'late@example.org')).allowed, true);
});

onEachStore('an old hard bounce arriving after a newer delivery does not block', async (_t, api) => {
  await api.json('POST', '/v1/events', {
    events: [{ type: 'delivered', recipient: 'old@example.org', messageId: '<m2@crm>', at: day(2) }],
  });
  await bounce(api, dsn({ recipient: 'old@example.org', ...HARD, id: 'o1', at: day(1) }));
  assert.equal((await check(api, 'old@example.org')).allowed, true);
});

onEachStore('an address never seen is allowed, and check keeps the order', async (_t, api) => {
  await bounce(api, dsn({ recipient: 'b@example.org', ...HARD, id: 'k1' }));
  const response = await api.json('POST', '/v1/check', {
    recipients: ['a@example.org', 'b@example.org', 'c@example.org'],
  });
  const results = response.json().results as Checked[];
  assert.deepEqual(
    results.map((r) => [r.address, r.allowed]),
    [
      ['a@example.org', true],
      ['b@example.org', false],
      ['c@example.org', true],
    ],
  );
});

test('a restart keeps states, bounces and keys (SQLite file)', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-api-'));
  try {
    const file = join(dir, 'rebound.db');
    const first = await openTestStore('sqlite', file);
    const api = await startApi(first.store);
    const raw = dsn({ recipient: 'kept@example.org', ...HARD, id: 'r1' });
    await bounce(api, raw);
    await api.close();
    await first.drop();

    const second = await openTestStore('sqlite', file);
    const again = await startApi(second.store);
    try {
      // startApi made new keys; the old account's data is reached through its old key too.
      const old = await again.request({
        method: 'POST',
        url: '/v1/check',
        payload: { recipients: ['kept@example.org'] },
        key: api.keys.admin,
      });
      assert.equal(old.json().results[0].allowed, false);
      const duplicate = await again.mail(raw, api.keys.admin);
      assert.equal(duplicate.json().duplicate, true);
    } finally {
      await again.close();
      await second.drop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
