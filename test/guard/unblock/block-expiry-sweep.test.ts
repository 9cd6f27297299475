import assert from 'node:assert/strict';
import { after, before } from 'node:test';
import { sweepExpiredBlocks, SWEEP_ACTOR } from '../../../src/guard/unblock/block-expiry-sweep.js';
import { checkMailDomain, dnsResolver } from '../../../src/guard/unblock/mail-domain.js';
import type { MailDomainCheck } from '../../../src/guard/unblock/types.js';
import type { EventInput } from '../../../src/service/types.js';
import { startDnsServer, type DnsServer } from '../../support/dns-server.js';
import { day, onEachStore } from '../../service/service-suite.js';
import { BACKENDS } from '../../store/backends.js';

let dns: DnsServer;
before(async () => {
  dns = await startDnsServer({ 'mail.test': { MX: [{ exchange: 'mx.mail.test', priority: 10 }] } });
});
after(() => dns.close());

const hard = (recipient: string, at: string): EventInput => ({
  type: 'bounced',
  recipient,
  at,
  reason: 'userunknown',
  status: '5.1.1',
});

/** The sweep on a fake clock, with a record of the domains it asked about. */
function sweeper(store: Parameters<typeof sweepExpiredBlocks>[0]['store'], clock: { now: Date }) {
  const asked: string[] = [];
  const resolver = dnsResolver([dns.address], 1000);
  const checkDomain = (domain: string): Promise<MailDomainCheck> => {
    asked.push(domain);
    return checkMailDomain(resolver, domain);
  };
  return { asked, sweep: () => sweepExpiredBlocks({ store, checkDomain, now: () => clock.now }) };
}

onEachStore(
  BACKENDS,
  'the sweep lifts bounce blocks older than N days once the domain is re-verified',
  async ({ svc, accountId, h }) => {
    await svc.updateSettings(accountId, { hardBlockExpiryDays: 90 });
    await svc.ingestEvents(accountId, [
      hard('old@mail.test', day(1)),
      hard('new@mail.test', day(50)),
      { type: 'complained', recipient: 'spam@mail.test', at: day(1) },
    ]);
    await svc.block(accountId, 'admin@mail.test', 'key:a', 'asked to stop');
    const clock = { now: new Date(day(60)) };
    const { sweep, asked } = sweeper(h.store, clock);

    assert.deepEqual(
      await sweep(),
      { checked: 0, expired: [], held: [], undecided: [] },
      'nothing is 90 days old yet',
    );
    clock.now = new Date(day(91));
    assert.deepEqual(await sweep(), { checked: 1, expired: ['old@mail.test'], held: [], undecided: [] });
    assert.deepEqual(asked, ['mail.test']);

    const old = await svc.getAddress(accountId, 'old@mail.test');
    assert.equal(old?.status, 'active');
    const expiry = old?.history.find((e) => e.type === 'block-expired');
    assert.equal(expiry?.actor, SWEEP_ACTOR);
    assert.equal(
      expiry?.note,
      'blocked for more than 90 days; re-verified: The domain mail.test has MX mx.mail.test.',
    );
    const change = old?.history.findLast((e) => e.type === 'state-changed');
    assert.match(
      change?.explanation ?? '',
      /^Block expired on .*: it was blocked since .* \(the recipient address does not exist at its domain\)\. The address is active again/,
    );
    for (const address of ['new@mail.test', 'spam@mail.test']) {
      assert.equal((await svc.getAddress(accountId, address))?.status, 'blocked', address);
    }
    // The admin block was made now (the real clock): far from 90 days, and never expirable anyway.
    assert.equal((await svc.getAddress(accountId, 'admin@mail.test'))?.status, 'blocked');

    clock.now = new Date(day(400));
    const later = await sweep();
    assert.deepEqual(later.expired, ['new@mail.test'], 'complaints never expire');
  },
);

onEachStore(
  BACKENDS,
  'an expired block whose domain takes no mail stays blocked, recorded once',
  async ({ svc, accountId, h }) => {
    await svc.updateSettings(accountId, { hardBlockExpiryDays: 30 });
    await svc.ingestEvents(accountId, [hard('a@gone.test', day(1)), hard('b@gone.test', day(2))]);
    const clock = { now: new Date(day(40)) };
    const { sweep, asked } = sweeper(h.store, clock);
    assert.deepEqual(await sweep(), {
      checked: 2,
      expired: [],
      held: ['a@gone.test', 'b@gone.test'],
      undecided: [],
    });
    assert.deepEqual(asked, ['gone.test'], 'one look-up per domain per sweep');
    const detail = await svc.getAddress(accountId, 'a@gone.test');
    assert.equal(detail?.status, 'blocked');
    const held = detail?.history.filter((e) => e.type === 'expiry-held') ?? [];
    assert.equal(held.length, 1);
    assert.equal(
      held[0]?.note,
      'blocked for more than 30 days, but the domain gone.test does not exist (NXDOMAIN).',
    );
    // Checked again next time (the domain may come back), but not recorded twice.
    clock.now = new Date(day(41));
    assert.deepEqual((await sweep()).held, []);
    assert.equal(
      (await svc.getAddress(accountId, 'a@gone.test'))?.history.filter((e) => e.type === 'expiry-held')
        .length,
      1,
    );
    dns.setZone({
      'mail.test': { MX: [{ exchange: 'mx.mail.test', priority: 10 }] },
      'gone.test': { A: ['127.0.0.9'] },
    });
    try {
      assert.deepEqual((await sweep()).expired, ['a@gone.test', 'b@gone.test']);
    } finally {
      dns.setZone({ 'mail.test': { MX: [{ exchange: 'mx.mail.test', priority: 10 }] } });
    }
  },
);

onEachStore(
  BACKENDS,
  'off by default, undecided on DNS failure, and per account',
  async ({ svc, accountId, h }) => {
    const other = (await svc.createAccount('other')).id;
    await svc.updateSettings(other, { hardBlockExpiryDays: 10 });
    await svc.ingestEvents(accountId, [hard('mine@mail.test', day(1))]);
    await svc.ingestEvents(other, [hard('theirs@mail.test', day(1))]);
    const clock = { now: new Date(day(500)) };
    const failing = await sweepExpiredBlocks({
      store: h.store,
      now: () => clock.now,
      checkDomain: async (domain) => ({
        domain,
        status: 'unknown',
        source: 'dns-error',
        hosts: [],
        detail: 'timeout',
      }),
    });
    assert.deepEqual(failing, { checked: 1, expired: [], held: [], undecided: ['theirs@mail.test'] });
    assert.equal(
      (await svc.getAddress(other, 'theirs@mail.test'))?.history.some((e) => e.type === 'expiry-held'),
      false,
    );
    const { sweep } = sweeper(h.store, clock);
    assert.deepEqual((await sweep()).expired, ['theirs@mail.test']);
    assert.equal(
      (await svc.getAddress(accountId, 'mine@mail.test'))?.status,
      'blocked',
      'this account did not opt in',
    );
  },
);
