import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['domino-unknown', [{ recipient: 'jo@example.org', reason: 'userunknown', status: null }]],
];

decoderTable('domino', CASES);
