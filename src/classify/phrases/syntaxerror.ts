import type { PhraseList } from './phrase.js';

/** syntaxerror: the sending server made an SMTP protocol or syntax error. */
export const syntaxerror: PhraseList = [
  // 500 5.5.1 Syntax error, command unrecognized / 501 5.5.4 Syntax error in parameters or arguments
  'syntax error',
  'command unrecognized',
  'command not recognized',
  'unrecognized command',
  'unrecognised command',
  'unknown command',
  'invalid command',
  'command not implemented',
  'command parameter not implemented',
  'parameter not implemented',
  'parameters not recognized',
  'unimplemented command',
  'line too long',
  // 503 5.5.1 Bad sequence of commands / 503 Improper sequence of commands / 503 5.5.1 RCPT first / MAIL first
  'bad sequence of commands',
  'improper sequence of commands',
  'out of sequence',
  'sequence error',
  'send hello first',
  'ehlo/helo first',
  'polite people say helo first',
  'no data after bdat',
  'pipelining not allowed',
  'improper use of smtp command pipelining',
  'no commands allowed to pipeline after starttls',
  'starttls may not be repeated',
  'too many unrecognized commands',
  'unrecognized authentication type',
  // Exim: malformed address: <x@example.com> may not follow ... (a bad address in the envelope or headers)
  'malformed address',
  'may not follow',
  'bad address syntax',
  'address syntax error',
];
