import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['mailfoundry-unknown', [{ recipient: 'nobody@example.org', reason: 'userunknown', status: '5.1.1' }]],
];

decoderTable('mailfoundry', CASES);
