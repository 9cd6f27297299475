import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['notes-unknown', [{ recipient: 'jo@example.org', reason: 'userunknown', status: null }]],
];

decoderTable('notes', CASES);
