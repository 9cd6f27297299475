import { decoderTable, type ExpectedVerdict } from '../../support/decoder-table.js';

const CASES: readonly (readonly [string, ExpectedVerdict[]])[] = [
  // Per-recipient fields written before Final-Recipient, reply folded without indentation.
  ['rfc3464-stray-fields', [{ recipient: 'jo@example.org', reason: 'securityerror', status: '5.0.0' }]],
  // A bounce forwarded inline with '> ' quoting.
  ['rfc3464-forwarded', [{ recipient: 'full@example.org', reason: 'mailboxfull', status: '5.2.2' }]],
  // A DSN without the command, beside a Postfix-style text that names it.
  [
    'rfc3464-postfix-text',
    [{ recipient: 'eve@example.org', reason: 'userunknown', status: '5.2.1', smtpCommand: 'RCPT' }],
  ],
  // The reply's x.1.0 is vaguer than the Status field's x.1.1 of the same subject: the field is kept.
  ['rfc3464-generic-detail', [{ recipient: 'ned@example.jp', reason: 'userunknown', status: '5.1.1' }]],
  // PowerMTA's own category decides where the reply alone would not.
  ['rfc3464-powermta', [{ recipient: 'fay@example.org', reason: 'userunknown', status: '5.0.0' }]],
  // No Remote-MTA: the reporting host (Outlook.com's) is where it failed, its provider rules apply.
  ['rfc3464-no-remote', [{ recipient: 'gus@hotmail.com', reason: 'userunknown', status: '5.5.0' }]],
  // The reply refuses the original's return path (a VERP address), not the recipient.
  ['rfc3464-sender-refused', [{ recipient: 'ann@example.org', reason: 'rejected', status: '5.7.1' }]],
  // Messaging Server (PMDF): field names in lower case, the report inline although the type says multipart.
  ['rfc3464-lowercase-fields', [{ recipient: 'max@example.org', reason: 'mailboxfull', status: '5.2.2' }]],
];

decoderTable('rfc3464', CASES);
