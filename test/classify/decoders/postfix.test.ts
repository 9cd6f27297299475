import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  // The greeting refused the connection: its 4.2.1 cannot be about the mailbox (no "suspend").
  [
    'postfix-greeting-refused',
    [{ recipient: 'kay@example.fr', reason: 'blocked', status: '4.2.1', smtpCommand: 'CONN' }],
  ],
  [
    'postfix-mail',
    [{ recipient: 'lee@example.org', reason: 'rejected', status: '5.7.1', smtpCommand: 'MAIL' }],
  ],
  // A wrap just before the address, unindented: the command is still read. "User Unknown" with
  // 5.2.1 counts at RCPT, not after DATA.
  [
    'postfix-wrapped-address',
    [
      { recipient: 'ann@example.org', reason: 'userunknown', status: '5.2.1', smtpCommand: 'RCPT' },
      { recipient: 'bob@example.org', reason: 'filtered', status: '5.2.1', smtpCommand: 'DATA' },
    ],
  ],
  // No MIME: the delivery-status fields follow the text inline; their status is kept.
  ['postfix-inline-dsn', [{ recipient: 'mo@example.org', reason: 'networkerror', status: '4.4.1' }]],
  // bounce(8) lost its log: the original's recipients, reason undefined.
  [
    'postfix-no-report',
    [
      { recipient: 'cleo@example.org', reason: 'undefined', status: null },
      { recipient: 'dan@example.com', reason: 'undefined', status: null },
    ],
  ],
];

decoderTable('postfix', CASES);
