import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['biglobe-full', [{ recipient: 'full@example.org', reason: 'mailboxfull', status: null }]],
];

decoderTable('biglobe', CASES);
