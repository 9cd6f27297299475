import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'apachejames-nouser',
    [{ recipient: 'henry@example.org', reason: 'userunknown', status: null, smtpCommand: null }],
  ],
];

decoderTable('apachejames', CASES);
