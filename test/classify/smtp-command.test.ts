import assert from 'node:assert/strict';
import { test } from 'node:test';
import { commandInText, parseCommand } from '../../src/classify/smtp-command.js';

test('commandInText: the marker that appears first decides', () => {
  const cases: [string, string | undefined][] = [
    ['host mx.example.org said: 550 user unknown (in reply to rcpt to command)', 'RCPT'],
    ['552 message too big (in reply to end of data command)', 'DATA'],
    ['smtp error from remote mail server after end of data: 554 spam', 'DATA'],
    ['smtp error after rcpt to:<a@example.org>: 550 unknown (in reply to data command)', 'RCPT'],
    ['after 5 days, nothing; then after mail from:<b@example.net> 553 refused', 'MAIL'],
    ['retried after ehlo failed: 421 refused to talk to me', 'EHLO'],
    ['mx.example.org refused to talk to me: 554 blocked', 'CONN'],
    ['remote host did not like our greeting', 'CONN'],
    ['in reply to something else, after initial connection', 'CONN'],
    ['550 5.1.1 user unknown', undefined],
    ['', undefined],
  ];
  for (const [text, expected] of cases) assert.equal(commandInText(text), expected, text);
});

test('parseCommand takes a known command in any case, else nothing', () => {
  assert.equal(parseCommand(' rcpt '), 'RCPT');
  assert.equal(parseCommand('QUIT'), undefined);
  assert.equal(parseCommand(undefined), undefined);
});
