import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['amazonses-json', [{ recipient: 'nobody@example.org', reason: 'userunknown', status: '5.1.1' }]],
  ['amazonses-complaint', [{ recipient: 'reader@example.org', reason: 'feedback', status: null }]],
];

decoderTable('amazonses', CASES);
