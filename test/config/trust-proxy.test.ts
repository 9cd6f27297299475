/** REBOUND_TRUST_PROXY: proxies named or counted; anything else refused with what to write instead. */
import assert from 'node:assert/strict';
import test from 'node:test';
import { ConfigError, loadConfig, trustProxyConfig } from '../../src/config.js';

test('unset: no proxy is believed', () => {
  assert.equal(loadConfig({}).trustProxy, undefined);
});

test('a hop count, or addresses, CIDR ranges and named ranges', () => {
  assert.equal(trustProxyConfig('1'), 1);
  assert.deepEqual(trustProxyConfig('127.0.0.1, 10.0.0.0/8,::1,fd00::/8,loopback'), [
    '127.0.0.1',
    '10.0.0.0/8',
    '::1',
    'fd00::/8',
    'loopback',
  ]);
  assert.deepEqual(loadConfig({ REBOUND_TRUST_PROXY: 'uniquelocal' }).trustProxy, ['uniquelocal']);
});

test('trusting everyone, bad addresses and bad counts are refused, naming the entry', () => {
  for (const [text, named] of [
    ['true', "'true'"],
    ['10.0.0.0/33', "'10.0.0.0/33'"],
    ['proxy.example', "'proxy.example'"],
    ['127.0.0.1,', "''"],
  ] as const) {
    assert.throws(
      () => trustProxyConfig(text),
      (e: unknown) => e instanceof ConfigError && e.message.includes(named),
      text,
    );
  }
  assert.throws(() => trustProxyConfig('0'), /hop count must be 1 to 10/);
  assert.throws(() => trustProxyConfig('11'), /hop count must be 1 to 10/);
});
