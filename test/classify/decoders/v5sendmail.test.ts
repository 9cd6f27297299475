import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  [
    'v5sendmail-rcpt',
    [{ recipient: 'jack@example.org', reason: 'userunknown', status: null, smtpCommand: 'RCPT' }],
  ],
  // Only the destination host is named: the unsent message's recipient there; the queue time ran out.
  ['v5sendmail-host', [{ recipient: 'kai@example.org', reason: 'expired', status: null }]],
];

decoderTable('v5sendmail', CASES);
