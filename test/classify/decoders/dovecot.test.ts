import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  // A rejection with a disposition-notification part: the mailbox server's own reason.
  ['dovecot-quota', [{ recipient: 'lou@example.org', reason: 'mailboxfull', status: null }]],
];

decoderTable('dovecot', CASES);
