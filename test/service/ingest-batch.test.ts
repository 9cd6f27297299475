import assert from 'node:assert/strict';
import { prepareMail, type BatchOutcome } from '../../src/service/ingest-batch.js';
import type { IngestResult } from '../../src/service/types.js';
import { complaint, hardBounce, softBounce } from '../support/dsn-builder.js';
import { BACKENDS } from '../store/backends.js';
import { bytes, day, onEachStore } from './service-suite.js';

const A = 'jane@example.org';
const B = 'bob@example.org';
const NOT_A_BOUNCE = bytes('From: a@example.org\r\nSubject: hello\r\n\r\nJust a note.\r\n');

/** A result without its bounce id (ids differ between accounts): what must match one by one. */
function shape(result: IngestResult) {
  const { bounceId, ...rest } = result;
  return { hasId: bounceId !== null, ...rest };
}

function results(outcomes: BatchOutcome[]): IngestResult[] {
  return outcomes.map((o) => {
    assert.ok(o.ok, o.ok ? '' : o.error.message);
    return o.result;
  });
}

onEachStore(
  BACKENDS,
  'a batch gives the results of the same mails one by one',
  async ({ svc, accountId }) => {
    // Out of event-time order (replays), six soft bounces (a block), a hard bounce, a complaint, a repeat.
    const mails = [
      ...[3, 1, 2, 6, 5, 4].map((d) => bytes(softBounce(A, `s${d}`, day(d)))),
      bytes(hardBounce(B, 'h1', day(2))),
      bytes(complaint(B, 'c1', day(1))),
      bytes(softBounce(A, 's3', day(3))),
    ];
    const single = (await svc.createAccount('one by one')).id;
    const expected: IngestResult[] = [];
    for (const mail of mails) expected.push(await svc.ingestBounce(single, mail));

    const got = results(await svc.ingestBounces(accountId, mails));
    assert.deepEqual(got.map(shape), expected.map(shape));
    for (const address of [A, B]) {
      const history = (id: string) =>
        svc.getAddress(id, address).then((d) => ({
          ...d,
          decidedBy: d?.decidedBy === null ? null : d?.decidedBy?.type,
          history: d?.history.map(({ type, at, reason, from, to, explanation }) => {
            return { type, at, reason, from, to, explanation };
          }),
        }));
      assert.deepEqual(await history(accountId), await history(single));
    }
  },
);

onEachStore(
  BACKENDS,
  'a mail twice in a batch, or already stored, counts once',
  async ({ svc, accountId }) => {
    const stored = await svc.ingestBounce(accountId, bytes(softBounce(A, 'old', day(1))));
    const mail = bytes(softBounce(A, 'new', day(2)));
    const [first, again, old] = results(
      await svc.ingestBounces(accountId, [mail, mail, bytes(softBounce(A, 'old', day(1)))]),
    );
    assert.equal(first?.duplicate, false);
    assert.equal(again?.duplicate, true);
    assert.equal(again?.bounceId, first?.bounceId);
    assert.deepEqual(again?.states, first?.states);
    assert.equal(old?.duplicate, true);
    assert.equal(old?.bounceId, stored.bounceId);
    assert.equal(old?.states[0]?.softBounces, 2, 'a duplicate answers with the current state');
    const detail = await svc.getAddress(accountId, A);
    assert.equal(detail?.softBounces, 2);
    assert.equal(detail?.history.filter((h) => h.type === 'bounced').length, 2);
    assert.equal((await svc.listBounces(accountId, {}, {})).items.length, 2);
  },
);

onEachStore(
  BACKENDS,
  'a bad mail in a batch is reported and the others are kept',
  async ({ svc, accountId }) => {
    const outcomes = await svc.ingestBounces(accountId, [
      bytes(hardBounce(A, 'h1', day(1))),
      NOT_A_BOUNCE,
      new Uint8Array(),
      bytes(softBounce(B, 's1', day(1))),
    ]);
    assert.deepEqual(
      outcomes.map((o) => (o.ok ? 'ok' : o.error.code)),
      ['ok', 'unreadable_mail', 'unreadable_mail', 'ok'],
    );
    const [blocked, soft] = await svc.check(accountId, [A, B]);
    assert.equal(blocked?.state, 'blocked');
    assert.equal(soft?.state, 'soft');
    assert.deepEqual(await svc.ingestBounces(accountId, []), []);
  },
);

onEachStore(
  BACKENDS,
  'a classifier failure on one mail is reported in its place and the others are kept',
  async ({ svc, accountId }) => {
    // Bytes that cannot even be read: they make the hashing or the classifier throw, as a bug would.
    const broken = new Proxy(new Uint8Array(8), {
      get(target, key) {
        if (key === 'byteLength') throw new RangeError('unreadable bytes');
        return Reflect.get(target, key) as unknown;
      },
    });
    const outcomes = await svc.ingestPrepared(accountId, [
      prepareMail(bytes(hardBounce(A, 'h1', day(1)))),
      prepareMail(broken),
      prepareMail(bytes(softBounce(B, 's1', day(1)))),
    ]);
    assert.deepEqual(
      outcomes.map((o) => (o.ok ? 'ok' : o.error.code)),
      ['ok', 'internal', 'ok'],
    );
    const failure = outcomes[1];
    assert.ok(failure !== undefined && !failure.ok);
    assert.match(failure.error.message, /^The classifier failed on this mail \(please report it\): /);
    assert.equal((await svc.listBounces(accountId, {}, {})).items.length, 2);
  },
);

onEachStore(
  BACKENDS,
  'one send reported by several mails counts once, in the store or in the same batch, as one by one',
  async ({ svc, accountId }) => {
    // The same original Message-ID (the send) in mails of different dates: one soft bounce signal.
    const earlier = bytes(softBounce(A, 's1', day(1)));
    const batch = [
      bytes(softBounce(A, 's1', day(2))),
      bytes(softBounce(A, 's1', day(3))),
      bytes(softBounce(A, 's2', day(4))),
    ];
    const single = (await svc.createAccount('one by one')).id;
    for (const id of [single, accountId]) await svc.ingestBounce(id, earlier);
    const expected: IngestResult[] = [];
    for (const mail of batch) expected.push(await svc.ingestBounce(single, mail));

    const got = results(await svc.ingestBounces(accountId, batch));
    assert.deepEqual(got.map(shape), expected.map(shape));
    assert.ok(
      got.every((r) => !r.duplicate),
      'each mail is stored: they are different mails',
    );
    const detail = await svc.getAddress(accountId, A);
    assert.equal(detail?.softBounces, 2, 'two sends bounced');
    assert.equal(detail?.history.filter((h) => h.type === 'bounced').length, 2);
    assert.equal((await svc.listBounces(accountId, {}, {})).items.length, 2, 'bounce events, one a send');
  },
);
