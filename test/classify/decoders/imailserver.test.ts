import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['imailserver-unknown', [{ recipient: 'nobody@example.org', reason: 'userunknown', status: null }]],
  ['imailserver-expired', [{ recipient: 'late@example.net', reason: 'expired', status: null }]],
];

decoderTable('imailserver', CASES);
