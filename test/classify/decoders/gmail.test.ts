import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['gmail-state', [{ recipient: 'filtered@example.org', reason: 'filtered', status: '5.7.0' }]],
  ['gmail-server', [{ recipient: 'nobody@example.org', reason: 'userunknown', status: '5.1.1' }]],
  ['gmail-delayed', [{ recipient: 'slow@example.net', reason: 'expired', status: null }]],
];

decoderTable('gmail', CASES);
