import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  // James relays the remote reply without its status or the command it answered: the words alone
  // ("mailbox unavailable") do not prove the address dead.
  [
    'apachejames-nouser',
    [{ recipient: 'henry@example.org', reason: 'filtered', status: null, smtpCommand: null }],
  ],
];

decoderTable('apachejames', CASES);
