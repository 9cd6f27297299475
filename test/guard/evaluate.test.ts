/** The alert rule as a table: counts in the window + the open alert -> open, escalate, close or nothing. */
import assert from 'node:assert/strict';
import test from 'node:test';
import { DEFAULT_ALERT_SETTINGS, parseAlertSettings } from '../../src/guard/alerts/alert-settings.js';
import { evaluateAlert, percent } from '../../src/guard/alerts/evaluate.js';
import type { AlertLevel, AlertMetric } from '../../src/store/guard.js';

const account = { kind: 'account' as const, key: '' };
type Row = [AlertMetric, sent: number, count: number, open: AlertLevel | undefined, expected: string];

const TABLE: Row[] = [
  ['bounce', 1000, 49, undefined, 'none'],
  ['bounce', 1000, 50, undefined, 'open warn'],
  ['bounce', 1000, 100, undefined, 'open critical'],
  ['bounce', 499, 100, undefined, 'none'], // under the minimum volume: not judged
  ['bounce', 1000, 60, 'warn', 'none'], // still above: one alert, no repeat
  ['bounce', 1000, 46, 'warn', 'none'], // under 5% but above 4.5%: hysteresis keeps it open
  ['bounce', 1000, 44, 'warn', 'close warn'],
  ['bounce', 1000, 120, 'warn', 'escalate critical'],
  ['bounce', 1000, 60, 'critical', 'none'], // never back down while open
  ['bounce', 0, 0, 'critical', 'close critical'], // nothing sent in the window
  ['bounce', 100, 0, 'warn', 'close warn'], // low volume but clean: closes
  ['complaint', 1000, 1, undefined, 'open warn'],
  ['complaint', 1000, 5, undefined, 'open critical'],
  ['complaint', 10_000, 8, 'warn', 'close warn'],
];

test('evaluateAlert follows the table', () => {
  for (const [metric, sent, count, open, expected] of TABLE) {
    const counts = {
      sent,
      bounced: metric === 'bounce' ? count : 0,
      complained: metric === 'complaint' ? count : 0,
    };
    const d = evaluateAlert(
      account,
      metric,
      counts,
      open === undefined ? undefined : { level: open },
      DEFAULT_ALERT_SETTINGS,
    );
    const got = d.action === 'none' ? 'none' : `${d.action} ${d.figures.level}`;
    assert.equal(got, expected, `${metric} ${count}/${sent} open=${open ?? '-'}`);
    if (d.action !== 'none')
      assert.match(d.figures.explanation, /^The (bounce|complaint) rate of the account /);
  }
});

test('percent reads as people write it', () => {
  assert.equal(percent(0.05), '5%');
  assert.equal(percent(0.001), '0.1%');
  assert.equal(percent(0.0456), '4.56%');
});

test('alert settings refuse unknown fields, bad values and warn >= critical', () => {
  const ok = parseAlertSettings({ minSends: 100, autoPause: true, emails: ['ops@crm.example'] });
  assert.ok(ok.ok);
  assert.equal(ok.settings.minSends, 100);
  assert.equal(ok.settings.bounceWarn, 0.05, 'fields left out keep their value');
  const bad = parseAlertSettings({ windowHours: 0, bounceCritical: 0.01, colour: 'red', emails: ['nope'] });
  assert.ok(!bad.ok);
  assert.equal(bad.errors.length, 4);
  assert.match(bad.errors.join('; '), /windowHours must be an integer from 1 to 168/);
  assert.match(bad.errors.join('; '), /unknown setting "colour"/);
  assert.match(bad.errors.join('; '), /bounceWarn must be below bounceCritical/);
});
