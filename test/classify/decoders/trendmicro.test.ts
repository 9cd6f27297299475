import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['trendmicro-transcript', [{ recipient: 'full@example.org', reason: 'mailboxfull', status: '5.2.2' }]],
  ['trendmicro-unable', [{ recipient: 'jo@example.net', reason: 'userunknown', status: null }]],
];

decoderTable('trendmicro', CASES);
