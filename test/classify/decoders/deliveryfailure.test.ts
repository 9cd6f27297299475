import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'deliveryfailure-quota',
    [{ recipient: 'erin@example.org', reason: 'mailboxfull', status: '5.2.2', smtpCommand: 'DATA' }],
  ],
];

decoderTable('deliveryfailure', CASES);
