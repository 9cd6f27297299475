import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  // Per-recipient fields written before Final-Recipient, reply folded without indentation.
  ['rfc3464-stray-fields', [{ recipient: 'jo@example.org', reason: 'securityerror', status: '5.0.0' }]],
  // A bounce forwarded inline with '> ' quoting.
  ['rfc3464-forwarded', [{ recipient: 'full@example.org', reason: 'mailboxfull', status: '5.2.2' }]],
];

decoderTable('rfc3464', CASES);
