import assert from 'node:assert/strict';
import { ReboundError } from '../../src/errors.js';
import { DEFAULT_SETTINGS } from '../../src/policy/types.js';
import { complaint, hardBounce, softBounce, spamhausRejection } from '../support/dsn-builder.js';
import { BACKENDS } from '../store/backends.js';
import { bytes, day, onEachStore } from './service-suite.js';

const A = 'jane@example.org';

const stateOf = async (
  svc: { check(a: string, x: string[]): Promise<{ state: string; allowed: boolean }[]> },
  account: string,
  address = A,
) => (await svc.check(account, [address]))[0];

onEachStore(BACKENDS, '6 consecutive soft bounces block, 5 still allow', async ({ svc, accountId }) => {
  for (let i = 1; i <= 5; i++) await svc.ingestBounce(accountId, bytes(softBounce(A, `s${i}`, day(i))));
  const five = await svc.getAddress(accountId, A);
  assert.equal(five?.status, 'soft');
  assert.equal(five?.softBounces, 5);
  assert.equal((await stateOf(svc, accountId))?.allowed, true);
  const sixth = await svc.ingestBounce(accountId, bytes(softBounce(A, 's6', day(6))));
  assert.equal(sixth.states[0]?.status, 'blocked');
  assert.equal(sixth.states[0]?.reason, 'mailboxfull');
  const [result] = await svc.check(accountId, [A]);
  assert.equal(result?.allowed, false);
  assert.match(result?.explanation ?? '', /\S/);
});

onEachStore(BACKENDS, 'a delivery in between ends the soft streak', async ({ svc, accountId }) => {
  for (let i = 1; i <= 5; i++) await svc.ingestBounce(accountId, bytes(softBounce(A, `s${i}`, day(i))));
  await svc.ingestEvents(accountId, [{ type: 'delivered', recipient: A, messageId: '<m1@crm>', at: day(6) }]);
  assert.equal((await svc.getAddress(accountId, A))?.status, 'active');
  for (let i = 7; i <= 11; i++) await svc.ingestBounce(accountId, bytes(softBounce(A, `s${i}`, day(i))));
  const after = await svc.getAddress(accountId, A);
  assert.equal(after?.status, 'soft');
  assert.equal(after?.softBounces, 5);
});

onEachStore(BACKENDS, 'a hard bounce blocks at once and explains itself', async ({ svc, accountId }) => {
  const result = await svc.ingestBounce(accountId, bytes(hardBounce(A, 'h1', day(1))));
  assert.equal(result.duplicate, false);
  assert.equal(result.verdicts[0]?.reason, 'userunknown');
  assert.equal(result.states[0]?.status, 'blocked');
  const detail = await svc.getAddress(accountId, ` ${A.toUpperCase()} `);
  assert.equal(detail?.blockedAt, day(1));
  assert.equal(detail?.decidedBy?.reason, 'userunknown');
  assert.equal(detail?.decidedBy?.bounceId, result.bounceId);
  const change = detail?.history.find((h) => h.type === 'state-changed');
  assert.equal(change?.from, 'active');
  assert.equal(change?.to, 'blocked');
  assert.match(change?.explanation ?? '', /\S/);
  const raw = await svc.getBounceRaw(accountId, result.bounceId ?? '');
  assert.equal(new TextDecoder().decode(raw), hardBounce(A, 'h1', day(1)));
});

onEachStore(BACKENDS, 'a complaint blocks', async ({ svc, accountId }) => {
  const result = await svc.ingestBounce(accountId, bytes(complaint(A, 'c1')));
  assert.equal(result.states[0]?.status, 'blocked');
  assert.equal(result.states[0]?.reason, 'complaint');
});

onEachStore(
  BACKENDS,
  'a Spamhaus rejection of the sender leaves the address allowed',
  async ({ svc, accountId }) => {
    const result = await svc.ingestBounce(accountId, bytes(spamhausRejection(A, 'b1', day(1))));
    assert.equal(result.verdicts[0]?.kind, 'sender');
    assert.equal((await stateOf(svc, accountId))?.allowed, true);
    assert.equal((await svc.getAddress(accountId, A))?.status, 'active');
    const bounces = await svc.listBounces(accountId, { kind: 'sender' }, {});
    assert.equal(bounces.items.length, 1);
    assert.equal(bounces.items[0]?.reason, 'blocked');
  },
);

onEachStore(BACKENDS, 'the same bounce twice counts once', async ({ svc, accountId }) => {
  const mail = bytes(softBounce(A, 'same', day(1)));
  const first = await svc.ingestBounce(accountId, mail);
  const second = await svc.ingestBounce(accountId, mail);
  assert.equal(second.duplicate, true);
  assert.equal(second.bounceId, first.bounceId);
  assert.deepEqual(second.verdicts, first.verdicts);
  assert.equal(second.states[0]?.softBounces, 1);
  assert.equal((await svc.getAddress(accountId, A))?.history.filter((h) => h.type === 'bounced').length, 1);
  assert.equal((await svc.listBounces(accountId, {}, {})).items.length, 1);
});

onEachStore(BACKENDS, 'the same event with a message id counts once', async ({ svc, accountId }) => {
  const event = {
    type: 'bounced' as const,
    recipient: A,
    messageId: '<m@crm>',
    at: day(1),
    reason: 'mailboxfull' as const,
  };
  await svc.ingestEvents(accountId, [event]);
  const { results } = await svc.ingestEvents(accountId, [event]);
  assert.equal(results[0]?.softBounces, 1);
});

onEachStore(
  BACKENDS,
  'a bounce of one send counts once whatever its time; another send or kind counts again',
  async ({ svc, accountId }) => {
    const base = { type: 'bounced' as const, recipient: A, reason: 'mailboxfull' as const };
    await svc.ingestEvents(accountId, [{ ...base, messageId: '<m@crm>', at: day(1) }]);
    // A retry by the provider, or the same bounce told later with its own timestamp.
    await svc.ingestEvents(accountId, [{ ...base, messageId: 'M@CRM', at: day(2) }]);
    assert.equal((await svc.getAddress(accountId, A))?.softBounces, 1);
    await svc.ingestEvents(accountId, [{ ...base, messageId: '<m2@crm>', at: day(3) }]);
    assert.equal((await svc.getAddress(accountId, A))?.softBounces, 2);
    await svc.ingestEvents(accountId, [{ ...base, reason: 'userunknown', messageId: '<m@crm>', at: day(4) }]);
    assert.equal((await svc.getAddress(accountId, A))?.status, 'blocked');
  },
);

onEachStore(
  BACKENDS,
  'an old bounce arriving after a newer delivery does not block',
  async ({ svc, accountId }) => {
    for (let i = 1; i <= 5; i++) await svc.ingestBounce(accountId, bytes(softBounce(A, `s${i}`, day(i))));
    await svc.ingestEvents(accountId, [{ type: 'delivered', recipient: A, at: day(7) }]);
    await svc.ingestBounce(accountId, bytes(softBounce(A, 's6', day(6))));
    assert.equal((await stateOf(svc, accountId))?.allowed, true);
    await svc.ingestBounce(accountId, bytes(hardBounce(A, 'h-old', day(3))));
    assert.equal((await stateOf(svc, accountId))?.allowed, true);
  },
);

onEachStore(BACKENDS, 'a restart keeps states, history and idempotency', async (ctx) => {
  const { accountId } = ctx;
  await ctx.svc.ingestBounce(accountId, bytes(hardBounce(A, 'h1', day(1))));
  await ctx.svc.ingestBounce(accountId, bytes(softBounce('joe@example.org', 's1', day(1))));
  const svc = await ctx.restart();
  assert.equal((await svc.getAddress(accountId, A))?.status, 'blocked');
  assert.equal((await svc.getAddress(accountId, 'joe@example.org'))?.softBounces, 1);
  assert.equal(
    (await svc.ingestBounce(accountId, bytes(softBounce('joe@example.org', 's1', day(1))))).duplicate,
    true,
  );
});

onEachStore(BACKENDS, "account A cannot see account B's addresses or mails", async ({ svc, accountId }) => {
  const other = (await svc.createAccount('other')).id;
  const result = await svc.ingestBounce(accountId, bytes(hardBounce(A, 'h1', day(1))));
  assert.equal(await svc.getAddress(other, A), undefined);
  assert.equal((await stateOf(svc, other))?.allowed, true);
  assert.equal((await svc.listAddresses(other, {}, {})).items.length, 0);
  assert.equal((await svc.listBounces(other, {}, {})).items.length, 0);
  assert.equal(await svc.getBounceRaw(other, result.bounceId ?? ''), undefined);
  // The same mail is new to the other account.
  assert.equal((await svc.ingestBounce(other, bytes(hardBounce(A, 'h1', day(1))))).duplicate, false);
});

onEachStore(
  BACKENDS,
  'bad input is refused with a typed error and nothing stored',
  async ({ svc, accountId }) => {
    const code = (c: string) => (err: unknown) => err instanceof ReboundError && err.code === c;
    await assert.rejects(
      svc.ingestBounce(accountId, bytes('hello, this is not a mail')),
      code('unreadable_mail'),
    );
    await assert.rejects(svc.ingestBounce(accountId, new Uint8Array()), code('unreadable_mail'));
    await assert.rejects(svc.check(accountId, ['ok@example.org', 'not an address']), code('invalid_address'));
    await assert.rejects(
      svc.ingestEvents(accountId, [
        { type: 'sent', recipient: A },
        { type: 'sent', recipient: 'x@' },
      ]),
      code('invalid_address'),
    );
    await assert.rejects(
      svc.ingestEvents(accountId, [{ type: 'sent', recipient: A, at: 'yesterday' }]),
      code('invalid_request'),
    );
    await assert.rejects(svc.listAddresses(accountId, {}, { cursor: 'garbage!' }), code('invalid_cursor'));
    assert.equal((await svc.listBounces(accountId, {}, {})).items.length, 0);
    assert.equal((await svc.listAddresses(accountId, {}, {})).items.length, 0);
  },
);

onEachStore(BACKENDS, 'admin block and unblock are audited', async ({ svc, accountId }) => {
  await assert.rejects(
    svc.unblock(accountId, A, 'admin', 'why'),
    (e: unknown) => e instanceof ReboundError && e.code === 'not_found',
  );
  assert.equal((await svc.block(accountId, A, 'alice', 'asked by the contact')).status, 'blocked');
  const view = await svc.unblock(accountId, A, 'bob', 'verified with the contact');
  assert.equal(view.status, 'active');
  const history = (await svc.getAddress(accountId, A))?.history ?? [];
  assert.deepEqual(
    history.filter((h) => h.type.startsWith('admin')).map((h) => [h.type, h.actor, h.note]),
    [
      ['admin-block', 'alice', 'asked by the contact'],
      ['admin-unblock', 'bob', 'verified with the contact'],
    ],
  );
});

onEachStore(
  BACKENDS,
  'settings: fewer retries block sooner; bad settings refused',
  async ({ svc, accountId }) => {
    assert.deepEqual(await svc.updateSettings(accountId, { softBounceRetries: 1 }), {
      ...DEFAULT_SETTINGS,
      softBounceRetries: 1,
    });
    await svc.ingestBounce(accountId, bytes(softBounce(A, 's1', day(1))));
    await svc.ingestBounce(accountId, bytes(softBounce(A, 's2', day(2))));
    assert.equal((await svc.getAddress(accountId, A))?.status, 'blocked');
    await assert.rejects(
      svc.updateSettings(accountId, { softBounceRetries: -1 }),
      (e: unknown) => e instanceof ReboundError && e.code === 'invalid_request',
    );
  },
);

onEachStore(
  BACKENDS,
  'api keys: a created key authenticates, a bootstrap key is made once',
  async ({ svc, accountId }) => {
    const key = await svc.createApiKey(accountId, 'user', 'crm');
    assert.match(key.secret, /^rb_[A-Za-z0-9_-]{43}$/);
    assert.deepEqual(await svc.authenticate(key.secret), { accountId, keyId: key.id, role: 'user' });
    assert.equal(await svc.authenticate('rb_wrong'), undefined);
    const first = await svc.bootstrapAdminKey(undefined);
    assert.equal(first.accountId, accountId);
    assert.ok(first.secret);
    assert.equal((await svc.authenticate(first.secret))?.role, 'admin');
    assert.equal((await svc.bootstrapAdminKey(undefined)).secret, null);
    await svc.bootstrapAdminKey('rb_from_env');
    assert.equal((await svc.authenticate('rb_from_env'))?.role, 'admin');
  },
);

onEachStore(
  BACKENDS,
  'listings page with opaque cursors; stats count by kind',
  async ({ svc, accountId }) => {
    const recipients = ['a@one.test', 'b@one.test', 'c@two.test'];
    await svc.ingestEvents(
      accountId,
      recipients.map((recipient) => ({ type: 'sent' as const, recipient, at: day(1) })),
    );
    for (const [i, r] of recipients.entries())
      await svc.ingestBounce(accountId, bytes(hardBounce(r, `h${i}`, day(2))));
    const first = await svc.listAddresses(accountId, { status: 'blocked' }, { limit: 2 });
    assert.deepEqual(
      first.items.map((i) => i.address),
      ['a@one.test', 'b@one.test'],
    );
    const second = await svc.listAddresses(
      accountId,
      { status: 'blocked' },
      { limit: 2, cursor: first.next ?? '' },
    );
    assert.deepEqual(
      second.items.map((i) => i.address),
      ['c@two.test'],
    );
    assert.equal(second.next, null);
    assert.deepEqual(
      (await svc.listAddresses(accountId, { domain: 'TWO.test' }, {})).items.map((i) => i.address),
      ['c@two.test'],
    );
    const rows = await svc.stats(accountId, { from: day(0), to: day(5) }, 'domain');
    const one = rows.find((r) => r.key === 'one.test');
    assert.equal(one?.sent, 2);
    assert.equal(one?.bounced.hard, 2);
    assert.equal(one?.bounceRate, 1);
  },
);

onEachStore(BACKENDS, 'a 100,000-address check answers in order', async ({ svc, accountId }) => {
  const blocked = Array.from({ length: 500 }, (_, i) => `blocked${i}@example.org`);
  await svc.ingestEvents(
    accountId,
    blocked.map((recipient) => ({
      type: 'bounced' as const,
      recipient,
      reason: 'userunknown' as const,
      at: day(1),
    })),
  );
  const addresses = Array.from({ length: 100_000 }, (_, i) =>
    i % 200 === 0 ? `Blocked${(i / 200) % 500}@Example.org` : `user${i}@example.org`,
  );
  const results = await svc.check(accountId, addresses);
  assert.equal(results.length, addresses.length);
  results.forEach((r, i) => {
    assert.equal(r.address, addresses[i]?.toLowerCase());
    assert.equal(r.allowed, i % 200 !== 0);
  });
});

onEachStore(
  BACKENDS,
  'an older soft bounce arriving late still counts, re-played in event order',
  async ({ svc, accountId }) => {
    await svc.ingestBounce(accountId, bytes(softBounce(A, 's5', day(5))));
    await svc.ingestBounce(accountId, bytes(softBounce(A, 's3', day(3))));
    const detail = await svc.getAddress(accountId, A);
    assert.equal(detail?.softBounces, 2);
    assert.deepEqual(
      detail?.history.filter((h) => h.type === 'bounced').map((h) => h.at),
      [day(3), day(5)],
    );
  },
);

onEachStore(BACKENDS, 'concurrent ingests of one address lose no bounce', async ({ svc, accountId }) => {
  await svc.updateSettings(accountId, { softBounceRetries: 50 });
  await Promise.all(
    Array.from({ length: 12 }, (_, i) =>
      svc.ingestBounce(accountId, bytes(softBounce(A, `c${i}`, day(i + 1)))),
    ),
  );
  assert.equal((await svc.getAddress(accountId, A))?.softBounces, 12);
});
