import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  ['mimecast-relay', [{ recipient: 'jo@example.net', reason: 'norelaying', status: '5.7.54' }]],
];

decoderTable('mimecast', CASES);
