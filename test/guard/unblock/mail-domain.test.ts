import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { checkMailDomain, dnsResolver } from '../../../src/guard/unblock/mail-domain.js';
import { startDnsServer, type DnsServer } from '../../support/dns-server.js';

describe('the mail-domain check against a DNS server on loopback', () => {
  let dns: DnsServer;
  let check: (domain: string) => ReturnType<typeof checkMailDomain>;
  before(async () => {
    dns = await startDnsServer({
      'mx.test': {
        MX: [
          { exchange: 'backup.mx.test', priority: 20 },
          { exchange: 'Primary.mx.test', priority: 10 },
        ],
      },
      'implicit.test': { A: ['127.0.0.5'] },
      'v6only.test': { AAAA: ['::1'] },
      'nullmx.test': { MX: [{ exchange: '.', priority: 0 }], A: ['127.0.0.6'] },
      'txtonly.test': { TXT: ['v=spf1 -all'] },
    });
    const resolver = dnsResolver([dns.address], 1000);
    check = (domain) => checkMailDomain(resolver, domain);
  });
  after(() => dns.close());

  it('lists MX hosts in preference order', async () => {
    const result = await check('mx.test');
    assert.equal(result.status, 'mail');
    assert.equal(result.source, 'mx');
    assert.deepEqual(result.hosts, ['primary.mx.test', 'backup.mx.test']);
    assert.equal(result.detail, 'The domain mx.test has MX primary.mx.test, backup.mx.test.');
  });

  it('falls back to the A or AAAA record: the implicit MX of RFC 5321', async () => {
    for (const domain of ['implicit.test', 'v6only.test']) {
      const result = await check(domain);
      assert.equal(result.status, 'mail', domain);
      assert.equal(result.source, 'implicit-mx');
      assert.deepEqual(result.hosts, [domain]);
      assert.match(result.detail, /has no MX; its address .* serves as the implicit MX/);
    }
  });

  it('reads a null MX as "no mail", even with an A record beside it', async () => {
    const result = await check('nullmx.test');
    assert.equal(result.status, 'no-mail');
    assert.equal(result.source, 'null-mx');
    assert.match(result.detail, /null MX \(RFC 7505\): it accepts no mail/);
  });

  it('a domain that does not exist, or has neither MX nor address, takes no mail', async () => {
    const missing = await check('nowhere.test');
    assert.deepEqual([missing.status, missing.source], ['no-mail', 'nxdomain']);
    const bare = await check('txtonly.test');
    assert.deepEqual([bare.status, bare.source], ['no-mail', 'no-records']);
    assert.equal(bare.detail, 'The domain txtonly.test has no MX and no A or AAAA record: no mail server.');
  });

  it('a DNS server that does not answer gives "unknown", never "no mail"', async () => {
    // A port nothing listens on: the query is refused or times out.
    const silent = dnsResolver(['127.0.0.1:9'], 200);
    const result = await checkMailDomain(silent, 'mx.test');
    assert.equal(result.status, 'unknown');
    assert.equal(result.source, 'dns-error');
    assert.match(
      result.detail,
      /^The MX look-up for mx.test failed \(E[A-Z]+\): whether it takes mail is not known\.$/,
    );
  });
});
