import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'qmail-rcpt',
    [
      { recipient: 'dave@example.org', reason: 'userunknown', status: '5.1.1', smtpCommand: 'RCPT' },
      { recipient: 'erin@example.com', reason: 'hostunknown', status: '5.1.2', smtpCommand: null },
    ],
  ],
];

decoderTable('qmail', CASES);
