import assert from 'node:assert/strict';
import test from 'node:test';
import { ConfigError, loadConfig } from '../../src/config.js';

test('REBOUND_DNS_SERVERS takes ip, ip:port and [ipv6]:port, and names a bad entry', () => {
  assert.deepEqual(loadConfig({}).unblock.dnsServers, []);
  const servers = '127.0.0.1:5353, 10.0.0.2,2001:db8::53,[2001:db8::53]:53';
  assert.deepEqual(loadConfig({ REBOUND_DNS_SERVERS: servers }).unblock.dnsServers, [
    '127.0.0.1:5353',
    '10.0.0.2',
    '2001:db8::53',
    '[2001:db8::53]:53',
  ]);
  for (const bad of ['dns.example', '127.0.0.1:99999', '[10.0.0.1]:53', '127.0.0.1:']) {
    assert.throws(
      () => loadConfig({ REBOUND_DNS_SERVERS: bad }),
      (error: unknown) => error instanceof ConfigError && error.message.includes(`'${bad}'`),
      bad,
    );
  }
});
