import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { after, before } from 'node:test';
import { ReboundError } from '../../../src/errors.js';
import { buildUnblockRequests, unblockConfig } from '../../../src/guard/unblock/index.js';
import { checkMailDomain, dnsResolver } from '../../../src/guard/unblock/mail-domain.js';
import type { ProbeCheck } from '../../../src/guard/unblock/types.js';
import { UnblockRequests } from '../../../src/guard/unblock/unblock-requests.js';
import type { StoreReboundService } from '../../../src/service/rebound-service.js';
import type { EventInput } from '../../../src/service/types.js';
import type { Store } from '../../../src/store/store.js';
import { startDnsServer, type DnsServer } from '../../support/dns-server.js';
import { RecordingNotifier } from '../../support/recording-notifier.js';
import { day, onEachStore } from '../../service/service-suite.js';
import { BACKENDS } from '../../store/backends.js';

let dns: DnsServer;
before(async () => {
  dns = await startDnsServer({
    'mail.test': { MX: [{ exchange: 'mx.mail.test', priority: 10 }] },
    'mx.mail.test': { A: ['127.0.0.1'] },
    'nomx.test': { TXT: ['no mail here'] },
  });
});
after(() => dns.close());

interface Setup {
  requests: UnblockRequests;
  notifier: RecordingNotifier;
  clock: { now: Date };
  probes: string[];
}

function setup(store: Store, svc: StoreReboundService, probe?: ProbeCheck): Setup {
  const notifier = new RecordingNotifier();
  const clock = { now: new Date(day(100)) };
  const resolver = dnsResolver([dns.address], 1000);
  const probes: string[] = [];
  const requests = new UnblockRequests({
    store,
    service: svc,
    notifier,
    checkDomain: (domain) => checkMailDomain(resolver, domain),
    probe: async (host, address) => {
      probes.push(`${host} ${address}`);
      return probe ?? { ran: false, why: 'test' };
    },
    now: () => clock.now,
  });
  return { requests, notifier, clock, probes };
}

const hardBounce = (recipient: string, at: string): EventInput => ({
  type: 'bounced',
  recipient,
  at,
  reason: 'userunknown',
  status: '5.1.1',
  diagnosticCode: '550 5.1.1 <x>: Recipient address rejected: User unknown',
});

const rejectsWith = (code: string, detail?: RegExp) => (error: unknown) =>
  error instanceof ReboundError &&
  error.code === code &&
  (detail === undefined || detail.test(error.message));

onEachStore(
  BACKENDS,
  'an unblock request for a domain without MX is denied with that reason',
  async ({ svc, accountId, h }) => {
    const { requests, notifier } = setup(h.store, svc);
    await svc.ingestEvents(accountId, [hardBounce('bob@nomx.test', day(10))]);
    const request = await requests.create(
      accountId,
      { address: 'Bob@NoMX.test', reason: 'he is a customer' },
      'key:u1',
    );
    assert.equal(request.state, 'denied');
    assert.equal(request.address, 'bob@nomx.test');
    assert.equal(request.decision?.automatic, true);
    assert.equal(request.decision?.by, 'rebound');
    assert.match(
      request.decision?.note ?? '',
      /^Denied automatically: The domain nomx.test has no MX and no A or AAAA record: no mail server\. Mail to this address cannot be delivered\.$/,
    );
    assert.equal(request.checks.domain.source, 'no-records');
    assert.match(request.explanation, /^Denied automatically on .*no MX and no A or AAAA record/);
    assert.equal((await svc.getAddress(accountId, 'bob@nomx.test'))?.status, 'blocked');
    assert.deepEqual(notifier.types(), ['unblock_request.created pending', 'unblock_request.decided denied']);
  },
);

onEachStore(
  BACKENDS,
  'the checks are kept with the request; an admin approves through the audited unblock',
  async ({ svc, accountId, h }) => {
    const { requests, notifier, probes } = setup(h.store, svc);
    await svc.ingestEvents(accountId, [hardBounce('ann@mail.test', day(60))]);
    const request = await requests.create(
      accountId,
      { address: 'ann@mail.test', reason: 'she wrote to us yesterday' },
      'key:u1',
    );
    assert.equal(request.state, 'pending');
    assert.deepEqual(probes, [], 'the probe is off by default');
    const { checks } = request;
    assert.deepEqual(checks.syntax, { ok: true, address: 'ann@mail.test' });
    assert.deepEqual([checks.domain.status, checks.domain.hosts], ['mail', ['mx.mail.test']]);
    assert.equal(checks.block.reason, 'userunknown');
    assert.equal(checks.block.kind, 'hard');
    assert.equal(checks.block.smtpStatus, '5.1.1');
    assert.match(checks.block.diagnosticCode ?? '', /User unknown/);
    assert.equal(checks.block.ageDays, 40, 'blocked on day 60, asked on day 100 (the fake clock)');
    assert.equal(checks.block.complaint, false);
    assert.deepEqual([checks.block.unblocks, checks.block.maxUnblocks], [0, 5]);
    assert.deepEqual(checks.probe, {
      ran: false,
      why: 'The RCPT probe is off for this account (setting unblockProbe).',
      whyCode: 'probe-off',
    });
    assert.match(
      request.explanation,
      /^Waiting for an administrator: blocked by a hard bounce: the recipient address does not exist at its domain \(5\.1\.1\), 40 days ago; unblocked 0 times of 5 allowed\./,
    );

    const approved = await requests.approve(accountId, request.id, 'key:admin1', {
      note: 'confirmed by phone',
    });
    assert.equal(approved.state, 'approved');
    assert.deepEqual(
      approved.audit.map((a) => [a.action, a.actor, a.note]),
      [
        ['requested', 'key:u1', 'she wrote to us yesterday'],
        ['approved', 'key:admin1', 'confirmed by phone'],
      ],
    );
    const detail = await svc.getAddress(accountId, 'ann@mail.test');
    assert.equal(detail?.status, 'active');
    const unblock = detail?.history.find((e) => e.type === 'admin-unblock');
    assert.equal(unblock?.actor, 'key:admin1');
    assert.equal(unblock?.note, `Unblock request ${request.id} approved: confirmed by phone`);
    assert.deepEqual(notifier.types(), [
      'unblock_request.created pending',
      'unblock_request.decided approved',
    ]);
    assert.deepEqual((await requests.get(accountId, request.id))?.decision?.note, 'confirmed by phone');

    await assert.rejects(
      requests.deny(accountId, request.id, 'key:admin2', 'too late'),
      rejectsWith('request_decided', /already decided \(approved on .* by key:admin1\)/),
    );
  },
);

onEachStore(
  BACKENDS,
  'a complaint-blocked address needs the recipient consent, which is stored',
  async ({ svc, accountId, h }) => {
    const { requests } = setup(h.store, svc);
    await svc.ingestEvents(accountId, [{ type: 'complained', recipient: 'cat@mail.test', at: day(90) }]);
    const request = await requests.create(
      accountId,
      { address: 'cat@mail.test', reason: 'she resubscribed' },
      'key:u1',
    );
    assert.equal(request.checks.block.complaint, true);
    assert.equal(request.checks.block.kind, 'complaint');
    assert.match(request.explanation, /blocked by a complaint \(approval needs the recipient's consent\)/);
    for (const consent of [undefined, '   ']) {
      await assert.rejects(
        requests.approve(accountId, request.id, 'key:a', { note: 'ok', consent }),
        rejectsWith('invalid_request', /blocked by a complaint: record the recipient's consent/),
      );
    }
    const approved = await requests.approve(accountId, request.id, 'key:a', {
      note: 'ok',
      consent: 'double opt-in form, 2026-04-09 14:02 UTC',
    });
    assert.equal(approved.decision?.consent, 'double opt-in form, 2026-04-09 14:02 UTC');
    const detail = await svc.getAddress(accountId, 'cat@mail.test');
    assert.equal(detail?.status, 'active');
    assert.match(
      detail?.history.find((e) => e.type === 'admin-unblock')?.note ?? '',
      /Recipient's consent: double opt-in form/,
    );
  },
);

onEachStore(
  BACKENDS,
  'the unblock cap: requests past it are denied, and the admin path refuses too',
  async ({ svc, accountId, h }) => {
    const { requests } = setup(h.store, svc);
    await svc.updateSettings(accountId, { maxUnblocks: 1 });
    await svc.ingestEvents(accountId, [hardBounce('dan@mail.test', day(1))]);
    await svc.unblock(accountId, 'dan@mail.test', 'key:a', 'first time');
    // Now (no `at`): a bounce older than the unblock would be replayed before it and change nothing.
    await svc.ingestEvents(accountId, [{ ...hardBounce('dan@mail.test', day(2)), at: undefined }]);
    const request = await requests.create(accountId, { address: 'dan@mail.test', reason: 'again' }, 'key:u');
    assert.equal(request.state, 'denied');
    assert.equal(
      request.decision?.note,
      'Denied automatically: the address was unblocked once already; the limit is 1.',
    );
    await assert.rejects(
      svc.unblock(accountId, 'dan@mail.test', 'key:a', 'once more'),
      rejectsWith(
        'unblock_limit',
        /unblocked 1 times already; this account allows 1 \(setting maxUnblocks\)/,
      ),
    );
  },
);

onEachStore(
  BACKENDS,
  'requests are refused for unknown, unblocked and already-requested addresses',
  async ({ svc, accountId, h }) => {
    const { requests } = setup(h.store, svc);
    await assert.rejects(
      requests.create(accountId, { address: 'x@mail.test', reason: 'r' }, 'k'),
      rejectsWith('not_found'),
    );
    await assert.rejects(
      requests.create(accountId, { address: 'not an address', reason: 'r' }, 'k'),
      rejectsWith('invalid_address'),
    );
    await svc.ingestEvents(accountId, [{ type: 'delivered', recipient: 'eve@mail.test', at: day(1) }]);
    await assert.rejects(
      requests.create(accountId, { address: 'eve@mail.test', reason: 'r' }, 'k'),
      rejectsWith('not_blocked', /eve@mail.test is active, not blocked/),
    );
    await svc.ingestEvents(accountId, [hardBounce('fay@mail.test', day(1))]);
    const first = await requests.create(accountId, { address: 'fay@mail.test', reason: 'r' }, 'k');
    await assert.rejects(
      requests.create(accountId, { address: 'fay@mail.test', reason: 'r2' }, 'k'),
      rejectsWith(
        'request_pending',
        new RegExp(`Unblock request ${first.id} for fay@mail.test is already waiting`),
      ),
    );
    const denied = await requests.deny(accountId, first.id, 'key:a', 'the customer left');
    assert.equal(denied.state, 'denied');
    assert.equal((await svc.getAddress(accountId, 'fay@mail.test'))?.status, 'blocked');
    // Decided: a new request may be made.
    const second = await requests.create(accountId, { address: 'fay@mail.test', reason: 'r3' }, 'k');
    assert.equal(second.state, 'pending');
    const page = await requests.list(accountId, { address: 'fay@mail.test' }, { limit: 1 });
    assert.deepEqual(
      page.items.map((r) => r.id),
      [second.id],
    );
    const rest = await requests.list(
      accountId,
      { address: 'fay@mail.test' },
      { limit: 1, cursor: page.next ?? '' },
    );
    assert.deepEqual(
      rest.items.map((r) => r.id),
      [first.id],
    );
    assert.equal(rest.next, null);
    const pending = await requests.list(accountId, { state: 'pending' }, {});
    assert.deepEqual(
      pending.items.map((r) => r.id),
      [second.id],
    );
  },
);

onEachStore(
  BACKENDS,
  'auto-approval (opt-in): an old hard bounce at a domain with MX, never a soft streak',
  async ({ svc, accountId, h }) => {
    const { requests, notifier } = setup(h.store, svc);
    await svc.ingestEvents(accountId, [
      hardBounce('gus@mail.test', day(50)),
      hardBounce('hal@mail.test', day(80)),
    ]);
    const off = await requests.create(accountId, { address: 'gus@mail.test', reason: 'r' }, 'k');
    assert.equal(off.state, 'pending', 'off by default');
    await requests.deny(accountId, off.id, 'key:a', 'retry with the setting');
    await svc.updateSettings(accountId, { autoApproveAfterDays: 30 });
    const old = await requests.create(accountId, { address: 'gus@mail.test', reason: 'r' }, 'k');
    assert.equal(old.state, 'approved');
    assert.match(
      old.decision?.note ?? '',
      /^Approved automatically: the hard bounce is 50 days old \(at least 30\), the domain mail.test has MX mx.mail.test, and it was no complaint\.$/,
    );
    assert.equal((await svc.getAddress(accountId, 'gus@mail.test'))?.history.at(-2)?.actor, 'rebound');
    const recent = await requests.create(accountId, { address: 'hal@mail.test', reason: 'r' }, 'k');
    assert.equal(recent.state, 'pending', '20 days is not old enough');
    await svc.updateSettings(accountId, { softBounceRetries: 0 });
    await svc.ingestEvents(accountId, [
      { type: 'bounced', recipient: 'ivy@mail.test', at: day(1), reason: 'mailboxfull' },
    ]);
    const soft = await requests.create(accountId, { address: 'ivy@mail.test', reason: 'r' }, 'k');
    assert.equal(soft.checks.block.kind, 'soft');
    assert.equal(soft.state, 'pending', 'a soft bounce turned hard is for an admin to judge');
    assert.ok(notifier.types().includes('unblock_request.decided approved'));
  },
);

onEachStore(
  BACKENDS,
  'with unblockProbe on, the first MX is asked and its answer kept as evidence',
  async ({ svc, accountId, h }) => {
    const rejected: ProbeCheck = {
      ran: true,
      host: 'mx.mail.test',
      outcome: 'rejected',
      code: 550,
      reply: '5.1.1 user unknown',
      reason: 'userunknown',
      kind: 'hard',
    };
    const { requests, probes } = setup(h.store, svc, rejected);
    await svc.updateSettings(accountId, { unblockProbe: true, autoApproveAfterDays: 1 });
    await svc.ingestEvents(accountId, [hardBounce('jo@mail.test', day(1))]);
    const request = await requests.create(accountId, { address: 'jo@mail.test', reason: 'r' }, 'k');
    assert.deepEqual(probes, ['mx.mail.test jo@mail.test']);
    assert.deepEqual(request.checks.probe, rejected);
    assert.equal(request.state, 'pending', 'a refused RCPT stops auto-approval');
    assert.match(request.explanation, /The mail host mx.mail.test refused the recipient\.$/);
  },
);

onEachStore(
  BACKENDS,
  'tenants are isolated: another account sees no request of this one',
  async ({ svc, accountId, h }) => {
    const { requests } = setup(h.store, svc);
    const other = (await svc.createAccount('other')).id;
    await svc.ingestEvents(accountId, [hardBounce('kim@mail.test', day(1))]);
    const request = await requests.create(accountId, { address: 'kim@mail.test', reason: 'r' }, 'k');
    assert.equal(await requests.get(other, request.id), undefined);
    assert.deepEqual((await requests.list(other, {}, {})).items, []);
    await assert.rejects(
      requests.approve(other, request.id, 'key:b', { note: 'n' }),
      rejectsWith('not_found'),
    );
    await assert.rejects(requests.deny(other, request.id, 'key:b', 'n'), rejectsWith('not_found'));
    await assert.rejects(
      requests.create(other, { address: 'kim@mail.test', reason: 'r' }, 'k'),
      rejectsWith('not_found'),
    );
    assert.equal((await requests.get(accountId, request.id))?.state, 'pending');
  },
);

onEachStore(
  BACKENDS,
  'wired as in the server: the probe finds the MX through DNS and asks a real SMTP server',
  async ({ svc, accountId, h }) => {
    const seen: string[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      logger: false,
      onRcptTo(address, _session, callback) {
        seen.push(address.address);
        callback(Object.assign(new Error('5.1.1 user unknown'), { responseCode: 550 }));
      },
      onData(_stream, _session, callback) {
        seen.push('DATA');
        callback();
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    try {
      const config = {
        ...unblockConfig({ REBOUND_DNS_SERVERS: dns.address, REBOUND_PROBE_HELO: 'rebound.test' }),
        probePort: (smtp.server.address() as AddressInfo).port,
      };
      const requests = buildUnblockRequests(h.store, svc, new RecordingNotifier(), config);
      await svc.updateSettings(accountId, { unblockProbe: true });
      await svc.ingestEvents(accountId, [hardBounce('lou@mail.test', day(1))]);
      const request = await requests.create(accountId, { address: 'lou@mail.test', reason: 'r' }, 'k');
      assert.equal(request.checks.probe.ran, true);
      assert.deepEqual(
        request.checks.probe.ran && [
          request.checks.probe.host,
          request.checks.probe.outcome,
          request.checks.probe.code,
        ],
        ['mx.mail.test', 'rejected', 550],
      );
      assert.deepEqual(seen, ['lou@mail.test'], 'one RCPT, no message');
    } finally {
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  },
);
