import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['verizon-sms', [{ recipient: '5555550100@vtext.com', reason: 'userunknown', status: null }]],
];

decoderTable('verizon', CASES);
