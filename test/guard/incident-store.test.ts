/** The incident store's guarantees under concurrency, on both databases. */
import assert from 'node:assert/strict';
import test from 'node:test';
import type { IncidentRow, NewIncident } from '../../src/store/incidents.js';
import type { Announce } from '../../src/store/outbox.js';
import { BACKENDS, withStore } from '../store/backends.js';

function incident(accountId: string, receivingDomain: string | null): NewIncident {
  return {
    accountId,
    state: 'pending',
    sender: '192.0.2.9',
    senderKind: 'ip',
    receivingDomain,
    blocklists: [],
    reasons: [],
    evidenceCount: 0,
    recipientCount: 0,
    firstSeen: '2025-01-06T10:00:00.000Z',
    lastSeen: '2025-01-06T10:00:00.000Z',
    openedAt: null,
    closedAt: null,
    closedBy: null,
    closeNote: null,
  };
}

for (const backend of BACKENDS) {
  test(`one live incident per sender and scope, opened and closed once [${backend.name}]`, async (t) => {
    await withStore(backend, t, async ({ store }) => {
      const account = await store.createAccount('a');
      const made = await Promise.all(
        [1, 2, 3].map(() => store.incidents.createIncident(incident(account.id, 'x.example'))),
      );
      assert.equal(new Set(made.map((m) => m.id)).size, 1);
      const dns = await store.incidents.createIncident(incident(account.id, null));
      assert.notEqual(dns.id, made[0]?.id);
      const id = made[0]?.id as string;
      // Each change is announced by the one caller that made it.
      const announced: string[] = [];
      const announce: Announce<IncidentRow> = async (_tx, row) => void announced.push(row.state);
      const opened = await Promise.all(
        [1, 2].map(() => store.incidents.openIncident(account.id, id, '2025-01-06T11:00:00.000Z', announce)),
      );
      assert.deepEqual(opened.sort(), [false, true]);
      const close = { at: '2025-01-07T11:00:00.000Z', by: 'quiet', note: 'quiet' };
      const closed = await Promise.all(
        [1, 2].map(() => store.incidents.closeIncident(account.id, id, close, announce)),
      );
      assert.deepEqual(closed.sort(), [false, true]);
      assert.deepEqual(announced, ['open', 'closed']);
      // Closed, it no longer blocks a new live incident for the same sender and domain.
      const next = await store.incidents.createIncident(incident(account.id, 'x.example'));
      assert.notEqual(next.id, id);
      const other = await store.createAccount('b');
      assert.equal(await store.incidents.getIncident(other.id, id), undefined);
    });
  });

  test(`the scheduled check is claimed by one caller per interval [${backend.name}]`, async (t) => {
    await withStore(backend, t, async ({ store }) => {
      const account = await store.createAccount('a');
      await store.incidents.saveGuardSettings(account.id, { sendingIps: ['192.0.2.9'] });
      const now = '2025-01-06T10:00:00.000Z';
      const due = '2025-01-06T09:00:00.000Z';
      const claims = await Promise.all(
        [1, 2, 3].map(() => store.incidents.claimScheduledCheck(account.id, now, due)),
      );
      assert.equal(claims.filter(Boolean).length, 1);
      assert.equal(
        await store.incidents.claimScheduledCheck(
          account.id,
          '2025-01-06T10:30:00.000Z',
          '2025-01-06T09:30:00.000Z',
        ),
        false,
      );
      assert.equal(
        await store.incidents.claimScheduledCheck(
          account.id,
          '2025-01-06T11:00:01.000Z',
          '2025-01-06T10:00:01.000Z',
        ),
        true,
      );
      assert.deepEqual(await store.incidents.guardAccounts(), [account.id]);
    });
  });

  test(`evidence is counted once per key and summarised [${backend.name}]`, async (t) => {
    await withStore(backend, t, async ({ store }) => {
      const account = await store.createAccount('a');
      const row = await store.incidents.createIncident(incident(account.id, 'x.example'));
      const evidence = (recipient: string, key: string, blocklist: string | null) => ({
        key,
        recipient,
        reason: 'blocked' as const,
        blocklist,
        text: 'blocked using zen.spamhaus.org',
        at: `2025-01-06T0${key}:00:00.000Z`,
        bounceId: key,
        source: 'bounce' as const,
      });
      // A second incident in the same calls: keys are per incident, counts too.
      const other = await store.incidents.createIncident(incident(account.id, 'y.example'));
      const first = await store.incidents.addEvidence(account.id, [
        {
          incidentId: row.id,
          rows: [evidence('a@x.example', '1', 'Spamhaus'), evidence('b@x.example', '2', null)],
        },
        { incidentId: other.id, rows: [evidence('a@y.example', '1', null)] },
      ]);
      assert.deepEqual(
        first
          .get(row.id)
          ?.map((e) => e.key)
          .sort(),
        ['1', '2'],
      );
      assert.deepEqual(
        first.get(other.id)?.map((e) => e.recipient),
        ['a@y.example'],
      );
      const again = await store.incidents.addEvidence(account.id, [
        {
          incidentId: row.id,
          rows: [evidence('a@x.example', '1', 'Spamhaus'), evidence('a@x.example', '3', 'SpamCop')],
        },
        { incidentId: other.id, rows: [evidence('a@y.example', '1', null)] },
      ]);
      assert.deepEqual([...again.keys()], [row.id], 'only what was new comes back');
      assert.deepEqual(
        again.get(row.id)?.map((e) => e.key),
        ['3'],
      );
      const both = await store.incidents.refreshIncidents(
        account.id,
        [row.id, other.id],
        '2025-01-06T12:00:00.000Z',
      );
      const counted = both.find((r) => r.id === row.id);
      const otherCounted = both.find((r) => r.id === other.id);
      assert.equal(both.length, 2);
      assert.deepEqual(
        [otherCounted?.evidenceCount, otherCounted?.recipientCount, otherCounted?.blocklists],
        [1, 1, []],
      );
      assert.deepEqual(
        {
          evidenceCount: counted?.evidenceCount,
          firstSeen: counted?.firstSeen,
          blocklists: counted?.blocklists,
          reasons: counted?.reasons,
          recipientCount: counted?.recipientCount,
        },
        {
          evidenceCount: 3,
          firstSeen: '2025-01-06T01:00:00.000Z',
          // Sorted by code point: 'C' before 'h', whatever the database's locale.
          blocklists: ['SpamCop', 'Spamhaus'],
          reasons: ['blocked'],
          recipientCount: 2,
        },
      );
      const [refreshed] = await store.incidents.refreshIncidents(
        account.id,
        [row.id],
        '2025-01-06T11:00:00.000Z',
      );
      const stored = await store.incidents.getIncident(account.id, row.id);
      assert.deepEqual(refreshed, stored, 'the refresh returns the row as stored');
      assert.equal(stored?.lastSeen, '2025-01-06T12:00:00.000Z', 'lastSeen never moves back');
      assert.equal(stored?.firstSeen, '2025-01-06T01:00:00.000Z');
      assert.deepEqual((await store.incidents.recipients(account.id, row.id, 1)).total, 2);
    });
  });

  test(`a batch of evidence larger than one insert, with repeats, is stored whole and once [${backend.name}]`, async (t) => {
    await withStore(backend, t, async ({ store }) => {
      const account = await store.createAccount('a');
      const row = await store.incidents.createIncident(incident(account.id, 'x.example'));
      const evidence = (i: number) => ({
        key: `k${i}`,
        recipient: `r${i % 100}@x.example`,
        reason: 'blocked' as const,
        blocklist: i % 2 === 0 ? 'Spamhaus' : null,
        text: `rejection ${i}`,
        at: new Date(Date.UTC(2025, 0, 6) + i * 1000).toISOString(),
        bounceId: String(i),
        source: 'bounce' as const,
      });
      // 301 distinct keys (several inserts), every tenth sent twice in the same call.
      const rows = Array.from({ length: 301 }, (_, i) => evidence(i));
      const first = await store.incidents.addEvidence(account.id, [
        { incidentId: row.id, rows: [...rows, ...rows.filter((_, i) => i % 10 === 0)] },
      ]);
      assert.deepEqual(
        first
          .get(row.id)
          ?.map((e) => e.key)
          .sort(),
        rows.map((e) => e.key).sort(),
      );
      const again = await store.incidents.addEvidence(account.id, [
        { incidentId: row.id, rows: [evidence(7), evidence(301)] },
      ]);
      assert.deepEqual(again.get(row.id), [evidence(301)]);
      const [counted] = await store.incidents.refreshIncidents(
        account.id,
        [row.id],
        '2025-01-07T00:00:00.000Z',
      );
      assert.equal(counted?.evidenceCount, 302);
      assert.equal(counted?.recipientCount, 100);
      assert.equal(counted?.firstSeen, '2025-01-06T00:00:00.000Z');
      assert.deepEqual(counted?.blocklists, ['Spamhaus'], 'no null among the blocklists');
    });
  });
}
