import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['googleworkspace-sendas', [{ recipient: 'member@example.org', reason: 'rejected', status: null }]],
  ['googleworkspace-dsn', [{ recipient: 'gone@example.org', reason: 'userunknown', status: '5.1.1' }]],
];

decoderTable('googleworkspace', CASES);
