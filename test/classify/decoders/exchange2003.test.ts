import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['exchange2003-unknown', [{ recipient: 'nobody@example.org', reason: 'userunknown', status: null }]],
  // No error text at all: nothing says why, so the reason stays undefined.
  ['exchange2003-single', [{ recipient: 'ivan@example.net', reason: 'onhold', status: null }]],
];

decoderTable('exchange2003', CASES);
