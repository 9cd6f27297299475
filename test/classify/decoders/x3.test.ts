import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'x3-rcpt',
    [{ recipient: 'bob@example.org', reason: 'userunknown', status: '5.1.1', smtpCommand: 'RCPT' }],
  ],
  ['x3-expired', [{ recipient: 'carol@example.org', reason: 'expired', status: null, smtpCommand: null }]],
];

decoderTable('x3', CASES);
