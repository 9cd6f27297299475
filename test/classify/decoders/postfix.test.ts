import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'postfix-mail',
    [{ recipient: 'lee@example.org', reason: 'rejected', status: '5.7.1', smtpCommand: 'MAIL' }],
  ],
];

decoderTable('postfix', CASES);
