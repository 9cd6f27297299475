import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['ezweb-transcript', [{ recipient: 'nobody@example.org', reason: 'userunknown', status: null }]],
  ['ezweb-disabled', [{ recipient: 'stopped@example.net', reason: 'suspend', status: null }]],
  ['ezweb-spasign', [{ recipient: 'picky@example.net', reason: 'filtered', status: null }]],
];

decoderTable('ezweb', CASES);
