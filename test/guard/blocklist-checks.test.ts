/** DNS blocklist checks against the loopback DNS server, through the API, on both stores. */
import assert from 'node:assert/strict';
import test from 'node:test';
import { startDnsServer } from '../support/dns-server.js';
import { openTestStore, postgresReachable } from '../api/harness.js';
import { startGuardApi } from './guard-harness.js';

interface Check {
  target: string;
  zone: string;
  outcome: string;
  meaning: string;
  incidentId: string | null;
}

for (const kind of ['sqlite', 'postgres'] as const) {
  test(`a listing opens an incident, a refused query is "could not check", a clear check closes it [${kind}]`, async (t) => {
    if (kind === 'postgres' && !(await postgresReachable())) return t.skip('PostgreSQL not reachable');
    const dns = await startDnsServer({
      '9.2.0.192.zen.spamhaus.org': { A: ['127.0.0.2'] },
      '9.2.0.192.bl.spamcop.net': { A: ['127.255.255.254'] },
    });
    const { store, drop } = await openTestStore(kind);
    const api = await startGuardApi(store, [dns.address]);
    try {
      const put = await api.json('PUT', '/v1/settings/guard', {
        sendingIps: ['192.0.2.9'],
        sendingDomains: ['sender.example'],
        ipZones: ['zen.spamhaus.org', 'bl.spamcop.net'],
      });
      assert.equal(put.statusCode, 200, put.body);
      const run = await api.json('POST', '/v1/blocklist-checks');
      assert.equal(run.statusCode, 200, run.body);
      const checks = run.json().items as Check[];
      const by = (zone: string) => checks.find((c) => c.zone === zone) as Check;
      assert.equal(by('zen.spamhaus.org').outcome, 'listed');
      assert.match(by('zen.spamhaus.org').meaning, /Spamhaus SBL/);
      assert.equal(by('bl.spamcop.net').outcome, 'unchecked');
      assert.match(by('bl.spamcop.net').meaning, /public or open resolvers/);
      assert.equal(by('dbl.spamhaus.org').outcome, 'clear');
      assert.ok(dns.queries.includes('A sender.example.dbl.spamhaus.org'));

      const [incident] = (await api.json('GET', '/v1/incidents?state=open')).json().items;
      assert.equal(incident.sender, '192.0.2.9');
      assert.equal(incident.receivingDomain, null);
      assert.equal(incident.hold, null);
      assert.deepEqual(incident.blocklists, ['Spamhaus']);
      assert.equal(by('zen.spamhaus.org').incidentId, incident.id);
      assert.deepEqual(await api.guard.holds.activeHolds(api.accountId), []);
      assert.equal(api.notifier.of('incident.opened').length, 1);

      const listed = (await api.json('GET', '/v1/blocklist-checks?limit=10')).json();
      assert.equal(listed.items.length, 3);

      dns.setZone({});
      api.clock.now = new Date(api.clock.now.getTime() + 3_600_000);
      await api.json('POST', '/v1/blocklist-checks');
      const [closed] = (await api.json('GET', '/v1/incidents?state=closed')).json().items;
      assert.equal(closed.closedBy, 'clear');
      assert.equal(api.notifier.of('incident.closed').length, 1);
    } finally {
      await api.close();
      await drop();
      await dns.close();
    }
  });
}
