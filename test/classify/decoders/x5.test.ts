import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'x5-forwarded',
    [{ recipient: 'dave@example.org', reason: 'userunknown', status: '5.1.1', smtpCommand: null }],
  ],
];

decoderTable('x5', CASES);
