import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'x6-rcpt',
    [{ recipient: 'ned@example.org', reason: 'userunknown', status: '5.1.1', smtpCommand: 'RCPT' }],
  ],
];

decoderTable('x6', CASES);
