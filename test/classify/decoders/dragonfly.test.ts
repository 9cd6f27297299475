import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'dragonfly-data',
    [{ recipient: 'frank@example.org', reason: 'spamdetected', status: '5.7.1', smtpCommand: 'DATA' }],
  ],
  [
    'dragonfly-expired',
    [{ recipient: 'gina@example.org', reason: 'expired', status: null, smtpCommand: null }],
  ],
];

decoderTable('dragonfly', CASES);
