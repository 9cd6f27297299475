import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['fml-loop', [{ recipient: 'lunch@example.org', reason: 'systemerror', status: null, smtpCommand: null }]],
  [
    'fml-notmember',
    [{ recipient: 'lunch@example.org', reason: 'rejected', status: null, smtpCommand: null }],
  ],
];

decoderTable('fml', CASES);
