import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'sendmail-pipelined',
    [{ recipient: 'kim@example.org', reason: 'userunknown', status: '5.1.1', smtpCommand: 'RCPT' }],
  ],
  // Commands with no "... while talking to" line.
  [
    'sendmail-bare-transcript',
    [{ recipient: 'hal@example.org', reason: 'userunknown', status: '5.7.1', smtpCommand: 'RCPT' }],
  ],
  // The local mailer's words explain sendmail's generic "Service unavailable".
  ['sendmail-local-mailer', [{ recipient: 'ivy@example.net', reason: 'userunknown', status: '5.5.0' }]],
  // A queued recipient's line has no reply code; its words beat the DSN's 4.4.7.
  ['sendmail-deferred-dns', [{ recipient: 'jan@example.org', reason: 'networkerror', status: '4.4.7' }]],
];

decoderTable('sendmail', CASES);
