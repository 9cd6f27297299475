import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'zoho-unknown',
    [
      { recipient: 'nobody@example.org', reason: 'userunknown', status: '5.1.1' },
      { recipient: 'far@example.net', reason: 'expired', status: null },
    ],
  ],
];

decoderTable('zoho', CASES);
