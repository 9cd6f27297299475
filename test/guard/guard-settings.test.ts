import assert from 'node:assert/strict';
import test from 'node:test';
import { DEFAULT_GUARD_SETTINGS, parseGuardSettings } from '../../src/guard/guard-settings.js';

test('a partial update keeps the other fields, lower-cases and dedupes lists', () => {
  const got = parseGuardSettings({ sendingDomains: ['News.Example', 'news.example'], quietHours: 6 });
  assert.ok(got.ok);
  assert.deepEqual(got.settings.sendingDomains, ['news.example']);
  assert.equal(got.settings.quietHours, 6);
  assert.deepEqual(got.settings.ipZones, DEFAULT_GUARD_SETTINGS.ipZones);
});

const BAD: [unknown, RegExp][] = [
  [[], /JSON object/],
  [{ sendingIps: ['192.0.2.300'] }, /sendingIps must be a list/],
  [{ sendingIps: '192.0.2.1' }, /sendingIps must be a list/],
  [{ ipZones: ['not a zone'] }, /ipZones/],
  [{ holdMode: 'pause' }, /holdMode must be "hold" or "slow"/],
  [{ openThreshold: 0 }, /openThreshold must be an integer from 1/],
  [{ checkIntervalMinutes: 1.5 }, /checkIntervalMinutes/],
  [{ repair: 'yes' }, /repair must be true or false/],
  [{ quietHour: 3 }, /unknown setting "quietHour"/],
];

test('bad settings are refused, each problem named', () => {
  for (const [input, message] of BAD) {
    const got = parseGuardSettings(input);
    assert.equal(got.ok, false, JSON.stringify(input));
    if (!got.ok) assert.match(got.errors.join('; '), message);
  }
});
