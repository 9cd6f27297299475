import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['gmx-full', [{ recipient: 'full@example.org', reason: 'mailboxfull', status: '5.2.2' }]],
  ['gmx-timeout', [{ recipient: 'slow@example.net', reason: 'expired', status: null }]],
];

decoderTable('gmx', CASES);
