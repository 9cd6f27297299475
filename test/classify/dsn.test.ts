import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseDeliveryStatus, stripType } from '../../src/classify/dsn.js';

test('per-message and per-recipient blocks, folded Diagnostic-Code', () => {
  const text = [
    'Reporting-MTA: dns; mx.example.net',
    'Arrival-Date: Tue, 1 Apr 2025 10:00:00 +0000',
    '',
    'Final-Recipient: rfc822; one@example.org',
    'Action: failed',
    'Status: 5.1.1',
    'Diagnostic-Code: smtp; 550 5.1.1 <one@example.org>:',
    '    Recipient address rejected: User unknown',
    '',
    'Final-Recipient: rfc822; two@example.org',
    'Action: delayed',
    'Status: 4.2.2',
  ].join('\n');
  const { perMessage, perRecipient } = parseDeliveryStatus(text);
  assert.equal(stripType(perMessage.get('reporting-mta')), 'mx.example.net');
  assert.equal(perRecipient.length, 2);
  assert.equal(
    stripType(perRecipient[0]?.get('diagnostic-code')),
    '550 5.1.1 <one@example.org>: Recipient address rejected: User unknown',
  );
  assert.equal(perRecipient[1]?.get('status'), '4.2.2');
});

test('a report without blank lines between recipients still splits', () => {
  const text = [
    'Reporting-MTA: dns; mx.example.net',
    'Final-Recipient: rfc822; one@example.org',
    'Status: 5.1.1',
    'Final-Recipient: rfc822; two@example.org',
    'Status: 5.2.2',
  ].join('\n');
  const { perMessage, perRecipient } = parseDeliveryStatus(text);
  assert.equal(perMessage.get('reporting-mta'), 'dns; mx.example.net');
  assert.deepEqual(
    perRecipient.map((b) => b.get('status')),
    ['5.1.1', '5.2.2'],
  );
});

test('garbage gives empty blocks, not an error', () => {
  const { perRecipient } = parseDeliveryStatus('\u0000\u0001 nonsense\n:::\n  folded without field');
  assert.deepEqual(perRecipient, []);
});

test('an unindented continuation of Diagnostic-Code stays in it', () => {
  const text = [
    'Final-Recipient: rfc822; one@example.org',
    'Diagnostic-Code: smtp; 550-First line',
    '550 last line: done',
  ].join('\n');
  const { perRecipient } = parseDeliveryStatus(text);
  assert.equal(stripType(perRecipient[0]?.get('diagnostic-code')), '550-First line 550 last line: done');
});
