import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['googlegroups-refused', [{ recipient: 'some-group@googlegroups.com', reason: 'rejected', status: null }]],
];

decoderTable('googlegroups', CASES);
