import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  // The receiving side's notice, pipelined: replies matched to commands in order, the refused RCPT for
  // its recipient, the refusal after DATA's 354 for the recipients that were accepted.
  [
    'postfix-transcript-server',
    [
      { recipient: 'ghost@example.net', reason: 'userunknown', status: '5.1.1', smtpCommand: 'RCPT' },
      { recipient: 'ana@example.net', reason: 'systemfull', status: '4.3.1', smtpCommand: 'DATA' },
      { recipient: 'bo@example.net', reason: 'systemfull', status: '4.3.1', smtpCommand: 'DATA' },
    ],
  ],
  // The sending side's notice: "Out" are its commands and "In" the replies.
  [
    'postfix-transcript-client',
    [{ recipient: 'lena@example.org', reason: 'mailboxfull', status: '5.2.2', smtpCommand: 'RCPT' }],
  ],
];

decoderTable('postfix-transcript', CASES);
