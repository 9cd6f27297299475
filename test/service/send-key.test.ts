import assert from 'node:assert/strict';
import test from 'node:test';
import { normalMessageId, sendSignalKey } from '../../src/service/send-key.js';

test('message ids: brackets, folding white space and case do not make another send', () => {
  assert.equal(normalMessageId('<Orig-1@Sender.Example>'), 'orig-1@sender.example');
  assert.equal(normalMessageId(' orig-1@sender.example '), 'orig-1@sender.example');
  assert.equal(normalMessageId('<orig-1@\r\n sender.example>'), 'orig-1@sender.example');
  assert.equal(normalMessageId('<>'), undefined);
  assert.equal(normalMessageId(null), undefined);
});

test('a key per send, kind and recipient for bounces and complaints only', () => {
  const a = sendSignalKey('bounced', 'soft', 'a@example.org', '<m1@crm>');
  assert.equal(a, sendSignalKey('bounced', 'soft', 'a@example.org', 'M1@CRM'));
  assert.notEqual(a, sendSignalKey('bounced', 'hard', 'a@example.org', '<m1@crm>'));
  assert.notEqual(a, sendSignalKey('bounced', 'soft', 'b@example.org', '<m1@crm>'));
  assert.notEqual(a, sendSignalKey('bounced', 'soft', 'a@example.org', '<m2@crm>'));
  assert.ok(sendSignalKey('complained', 'complaint', 'a@example.org', '<m1@crm>') !== undefined);
  assert.equal(sendSignalKey('deferred', null, 'a@example.org', '<m1@crm>'), undefined);
  assert.equal(sendSignalKey('delivered', 'delivered', 'a@example.org', '<m1@crm>'), undefined);
  assert.equal(sendSignalKey('bounced', 'soft', 'a@example.org', undefined), undefined);
});
