import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'exim-rcpt',
    [
      { recipient: 'alice@example.org', reason: 'userunknown', status: '5.1.1', smtpCommand: 'RCPT' },
      { recipient: 'bob@example.org', reason: 'mailboxfull', status: null, smtpCommand: null },
    ],
  ],
  // The refusal names the domain of the return path, not the recipient's: a sender-side refusal.
  ['exim-sender-domain', [{ recipient: 'carol@example.org', reason: 'rejected', smtpCommand: 'DATA' }]],
];

decoderTable('exim', CASES);
