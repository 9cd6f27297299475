import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'v5sendmail-rcpt',
    [{ recipient: 'jack@example.org', reason: 'userunknown', status: null, smtpCommand: 'RCPT' }],
  ],
];

decoderTable('v5sendmail', CASES);
