import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'opensmtpd-mixed',
    [
      { recipient: 'hank@example.org', reason: 'mailboxfull', status: '5.2.2', smtpCommand: null },
      { recipient: 'ivy@nowhere.example.com', reason: 'hostunknown', status: null, smtpCommand: null },
    ],
  ],
];

decoderTable('opensmtpd', CASES);
