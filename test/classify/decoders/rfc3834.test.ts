import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify } from '../../../src/classify/classify.js';

const headers = (lines: string[]) => [...lines, '', 'I am away until Monday.', ''].join('\n');

test('rfc3834: an automatic reply is vacation for the address that replied', () => {
  const cases: [string[], string][] = [
    [['From: Ann <ann@example.org>', 'Auto-Submitted: auto-replied', 'Subject: Re: hello'], 'Auto-Submitted'],
    [['From: bob@example.org', 'X-Autoreply: yes', 'Subject: Re: hello'], 'x-autoreply'],
    [['From: cy@example.org', 'Subject: Automatic reply: hello'], 'automatic reply'],
    [['From: di@example.org', 'Subject: Réponse automatique : bonjour'], 'réponse automatique'],
  ];
  for (const [lines, marker] of cases) {
    const [verdict, ...rest] = classify(headers(lines));
    assert.equal(rest.length, 0);
    assert.equal(verdict?.reason, 'vacation', lines.join(' | '));
    assert.equal(verdict?.kind, 'autoreply');
    assert.equal(verdict?.decoder, 'rfc3834');
    assert.ok(verdict?.evidence.rule.includes(marker), verdict?.evidence.rule);
  }
});

test('rfc3834: a bounce that carries Auto-Submitted is not mistaken for an auto-reply', () => {
  const bounce = headers([
    'From: MAILER-DAEMON@mx.example.net (Mail Delivery System)',
    'Auto-Submitted: auto-replied',
    'Subject: Undelivered Mail Returned to Sender',
  ]);
  assert.ok(classify(bounce).every((v) => v.reason !== 'vacation'));
});
