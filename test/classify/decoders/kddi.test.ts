import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['kddi-full', [{ recipient: 'full@abc123.dion.ne.jp', reason: 'mailboxfull', status: null }]],
];

decoderTable('kddi', CASES);
