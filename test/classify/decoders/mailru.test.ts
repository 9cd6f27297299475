import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'mailru-rcpt',
    [{ recipient: 'carol@example.org', reason: 'userunknown', status: '5.1.1', smtpCommand: 'RCPT' }],
  ],
];

decoderTable('mailru', CASES);
