import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['x1-list', [{ recipient: 'mia@example.org', reason: 'userunknown', status: null, smtpCommand: null }]],
];

decoderTable('x1', CASES);
