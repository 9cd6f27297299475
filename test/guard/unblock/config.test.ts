import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConfigError } from '../../../src/config.js';
import { unblockConfig } from '../../../src/guard/unblock/config.js';

test('REBOUND_DNS_SERVERS takes IPs with or without a port, and names a bad entry', () => {
  const servers = '192.0.2.53, 127.0.0.1:5353,2001:db8::53,[2001:db8::53]:53,[::1]';
  assert.deepEqual(unblockConfig({ REBOUND_DNS_SERVERS: servers }).dnsServers, [
    '192.0.2.53',
    '127.0.0.1:5353',
    '2001:db8::53',
    '[2001:db8::53]:53',
    '[::1]',
  ]);
  assert.deepEqual(unblockConfig({}).dnsServers, []);
  for (const bad of [
    'dns.example.org',
    '127.0.0.1:port',
    '[::1',
    '[::1]x',
    '127.0.0.1:',
    '127.0.0.1:99999',
    '[10.0.0.1]:53',
  ]) {
    assert.throws(
      () => unblockConfig({ REBOUND_DNS_SERVERS: bad }),
      (e: unknown) => e instanceof ConfigError && e.message.includes(`'${bad}' is not an IP address`),
      bad,
    );
  }
});

test('the probe port and the sweep interval are checked numbers', () => {
  const config = unblockConfig({
    REBOUND_PROBE_PORT: '2525',
    REBOUND_SWEEP_MINUTES: '5',
    REBOUND_PROBE_HELO: 'mx.example.net',
  });
  assert.deepEqual(
    [config.probePort, config.sweepIntervalMs, config.probeHelo],
    [2525, 300_000, 'mx.example.net'],
  );
  assert.equal(unblockConfig({}).probePort, 25);
  assert.equal(unblockConfig({}).sweepIntervalMs, 3_600_000);
  assert.throws(
    () => unblockConfig({ REBOUND_PROBE_PORT: '0' }),
    /REBOUND_PROBE_PORT must be a number from 1 to 65535, got '0'/,
  );
  assert.throws(
    () => unblockConfig({ REBOUND_SWEEP_MINUTES: 'hourly' }),
    /REBOUND_SWEEP_MINUTES must be a number/,
  );
});
