import assert from 'node:assert/strict';
import { Resolver } from 'node:dns/promises';
import { after, before, describe, it } from 'node:test';
import { startDnsServer, type DnsServer } from './dns-server.js';

describe('test DNS server on loopback', () => {
  let server: DnsServer;
  let resolver: Resolver;
  before(async () => {
    server = await startDnsServer({
      'example.test': { MX: [{ exchange: 'mx.example.test', priority: 10 }], A: ['127.0.0.10'] },
      '2.0.0.127.zen.spamhaus.test': { A: ['127.0.0.2'], TXT: ['listed: see https://example.test'] },
    });
    resolver = new Resolver({ timeout: 1000, tries: 1 });
    resolver.setServers([server.address]);
  });
  after(() => server.close());

  it('answers MX, A and TXT from the zone', async () => {
    assert.deepEqual(await resolver.resolveMx('example.test'), [
      { exchange: 'mx.example.test', priority: 10 },
    ]);
    assert.deepEqual(await resolver.resolve4('2.0.0.127.zen.spamhaus.test'), ['127.0.0.2']);
    assert.deepEqual(await resolver.resolveTxt('2.0.0.127.zen.spamhaus.test'), [
      ['listed: see https://example.test'],
    ]);
  });

  it('says NXDOMAIN for an unknown name and NODATA for a missing type', async () => {
    await assert.rejects(resolver.resolve4('nowhere.test'), { code: 'ENOTFOUND' });
    await assert.rejects(resolver.resolveMx('2.0.0.127.zen.spamhaus.test'), { code: 'ENODATA' });
  });

  it('serves a replaced zone and records the questions', async () => {
    server.setZone({});
    await assert.rejects(resolver.resolveMx('example.test'), { code: 'ENOTFOUND' });
    assert.ok(server.queries.includes('MX example.test'));
  });
});
