/**
 * The alert loop on both stores: counters from stored events, an alert emailed to the account's alert
 * addresses through a loopback SMTP server, and the periodic pass closing it once the window has slid past.
 */
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import test from 'node:test';
import { SMTPServer } from 'smtp-server';
import { smtpAlertMailer } from '../../src/guard/alerts/alert-mailer.js';
import { AlertMonitor } from '../../src/guard/alerts/alert-monitor.js';
import type { GuardEvent, Notifier } from '../../src/guard/notifications.js';
import { Pauses } from '../../src/guard/pauses.js';
import type { EventRow, Store } from '../../src/store/store.js';
import { BACKENDS, withStore } from '../store/backends.js';
import { newEvent } from '../support/new-event.js';

async function mailSink(): Promise<{ mails: string[]; port: number; close(): Promise<void> }> {
  const mails: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push(Buffer.concat(chunks).toString('utf8'));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as AddressInfo;
  return { mails, port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

function event(accountId: string, n: number, type: 'sent' | 'bounced', at: string): EventRow {
  const bounced = type === 'bounced';
  return {
    id: String(n),
    ...newEvent({
      accountId,
      address: `r${n}@example.com`,
      type,
      at,
      reason: bounced ? 'userunknown' : null,
      kind: bounced ? 'hard' : null,
    }),
  };
}

const quiet = { warn: () => undefined, error: () => undefined };

/** What the monitor announces, recorded as it writes it (inside the alert's transaction). */
function recordingInto(notified: GuardEvent[]): Pick<Notifier, 'notifyWithin' | 'committed'> {
  return { notifyWithin: async (_tx, events) => void notified.push(...events), committed: () => undefined };
}

for (const backend of BACKENDS) {
  test(`an alert is emailed, and the periodic pass closes it when the window slides [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const sink = await mailSink();
      const mailer = smtpAlertMailer(`smtp://127.0.0.1:${sink.port}`, 'rebound@crm.example');
      t.after(async () => {
        mailer.close();
        await sink.close();
      });
      const { id } = await h.store.createAccount('a');
      await h.store.guard.putAlertSettings(id, {
        minSends: 20,
        emails: ['ops@crm.example'],
        autoPause: true,
      });
      const notified: GuardEvent[] = [];
      const clock = { t: Date.now() };
      const monitor = new AlertMonitor({
        store: h.store.guard,
        notifier: recordingInto(notified),
        pauses: new Pauses(h.store.guard),
        mailer,
        log: quiet,
        now: () => new Date(clock.t),
      });
      const at = new Date(clock.t).toISOString();
      const sends = Array.from({ length: 20 }, (_, i) => event(id, i, 'sent', at));
      await monitor.recordEvents([...sends, event(id, 0, 'bounced', at), event(id, 1, 'bounced', at)]);
      assert.deepEqual(
        notified.map((e) => `${e.type} ${String(e.data.level)}`),
        ['alert.opened critical', 'alert.opened critical'],
        'account and domain: 10% is critical',
      );
      assert.equal(sink.mails.length, 2);
      assert.match(sink.mails[0] ?? '', /^To: ops@crm\.example/m);
      assert.match(sink.mails[0] ?? '', /^Subject: \[Rebound\] bounce rate alert opened \(critical\)/m);
      assert.match(sink.mails[0] ?? '', /Sending for this scope is paused/);
      assert.equal((await h.store.guard.activePauses(id)).length, 2, 'auto-pause');

      await monitor.evaluateAll();
      assert.equal(notified.length, 2, 'nothing new while the rate holds');
      clock.t += 25 * 3600_000;
      // Two processes' periodic passes at once: each change is announced by one of them only.
      const other = new AlertMonitor({
        store: h.store.guard,
        notifier: recordingInto(notified),
        pauses: new Pauses(h.store.guard),
        mailer,
        log: quiet,
        now: () => new Date(clock.t),
      });
      await Promise.all([monitor.evaluateAll(), other.evaluateAll()]);
      assert.deepEqual(
        notified.slice(2).map((e) => e.type),
        ['alert.closed', 'alert.closed'],
      );
      assert.match(
        String(notified[2]?.data.explanation),
        /has no sends in the last 24 h: the alert is closed/,
      );
      assert.equal(sink.mails.length, 4);
      assert.equal((await h.store.guard.activePauses(id)).length, 2, 'a closed alert does not lift a pause');
    });
  });
}

/**
 * An account judged from 50 sends, a monitor on a clock the test sets, and a burst to record: 100 sends
 * and 12 bounces (12%) at 10:05 on March 1, so in the hour bucket 10:00-11:00 of that day.
 */
async function cutHour(store: Store) {
  const { id } = await store.createAccount('a');
  await store.guard.putAlertSettings(id, { minSends: 50 });
  const notified: GuardEvent[] = [];
  const clock = { t: Date.parse('2026-03-01T10:05:00Z') };
  const monitor = new AlertMonitor({
    store: store.guard,
    notifier: recordingInto(notified),
    pauses: new Pauses(store.guard),
    log: quiet,
    now: () => new Date(clock.t),
  });
  const at = '2026-03-01T10:05:00.000Z';
  const burst = [
    ...Array.from({ length: 100 }, (_, i) => event(id, i, 'sent', at)),
    ...Array.from({ length: 12 }, (_, i) => event(id, i, 'bounced', at)),
  ];
  return { id, notified, clock, monitor, recordBurst: () => monitor.recordEvents(burst) };
}

for (const backend of BACKENDS) {
  test(`the window slides by the minute: the hour it cuts counts for its share inside [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const { id, notified, clock, monitor, recordBurst } = await cutHour(h.store);
      await recordBurst();
      assert.equal(notified.filter((e) => e.type === 'alert.opened').length, 2, 'account and domain: 12%');

      // March 2, 10:15: the 24 h window starts at 10:15 on March 1, three quarters of that hour inside.
      clock.t = Date.parse('2026-03-02T10:15:00Z');
      await monitor.evaluateAll();
      const [open] = await h.store.guard.listAlerts(
        id,
        { state: 'open', scope: 'account' },
        { after: null, limit: 5 },
      );
      assert.equal(open?.state, 'open', 'still measured: 75 sends of the cut hour are inside');
      assert.equal(notified.filter((e) => e.type === 'alert.closed').length, 0);

      // 11:00: the hour has left the window entirely: no sends, the alerts close.
      clock.t = Date.parse('2026-03-02T11:00:00Z');
      await monitor.evaluateAll();
      const closed = notified.filter((e) => e.type === 'alert.closed');
      assert.equal(closed.length, 2);
      assert.match(String(closed[0]?.data.explanation), /no sends in the last 24 h/);
    });
  });

  test(`an alert's figures are the window's share of the cut hour [${backend.name}]`, async (t) => {
    await withStore(backend, t, async (h) => {
      const { notified, clock, monitor, recordBurst } = await cutHour(h.store);
      // Recorded when the clock reads a day later: first judged with three quarters of its hour inside.
      clock.t = Date.parse('2026-03-02T10:15:00Z');
      await recordBurst();
      const account = notified.find(
        (e) => e.type === 'alert.opened' && (e.data.scope as { kind: string }).kind === 'account',
      );
      assert.ok(account, 'opened from the three quarters of the hour still inside the window');
      assert.deepEqual(
        [account.data.sent, account.data.count, account.data.rate, account.data.level],
        [75, 9, 0.12, 'critical'],
      );
      assert.match(String(account.data.explanation), /12% \(9 of 75 sends in the last 24 h\)/);

      // 10:45: a quarter is inside, 25 sends, under minSends: nothing opens anew, nothing closes.
      clock.t = Date.parse('2026-03-02T10:45:00Z');
      const before = notified.length;
      await monitor.evaluateAll();
      assert.equal(notified.length, before);
    });
  });
}
