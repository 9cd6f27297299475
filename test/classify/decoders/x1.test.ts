import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  // "User unknown" with neither a status nor the command it answered: a filter's words, not a proof.
  ['x1-list', [{ recipient: 'mia@example.org', reason: 'filtered', status: null, smtpCommand: null }]],
];

decoderTable('x1', CASES);
