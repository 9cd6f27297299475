/**
 * Generated bounce mails and their mutants for the classifier's robustness tests. Everything is built
 * in code (no corpus copies) from a seeded PRNG, so a failure reproduces from the seed it prints.
 */

/** mulberry32: small, fast, good enough to pick offsets and bytes. Returns floats in [0, 1). */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function randomInt(random: () => number, below: number): number {
  return Math.floor(random() * below);
}

/** The seed from ROBUSTNESS_SEED when set (to replay a failure), else a fresh one. */
export function seedFromEnv(): number {
  const fixed = Number(process.env.ROBUSTNESS_SEED);
  return Number.isInteger(fixed) && fixed > 0 ? fixed : 1 + Math.floor(Math.random() * 0x7ffffffe);
}

export function bytes(text: string): Uint8Array {
  return Buffer.from(text, 'latin1');
}

export function crlf(text: string): string {
  return text.replace(/\n/g, '\r\n');
}

/** Bytes that matter to a MIME parser, so that mutations hit structure more often than chance would. */
const SPECIAL = [
  0x00, 0x0a, 0x0d, 0x20, 0x09, 0x3a, 0x40, 0x3d, 0x2d, 0x3c, 0x3e, 0x3b, 0x22, 0x3f, 0x1b, 0x80, 0xff,
];

/** A copy with `count` random byte mutations: a flipped bit, a special byte, a random byte. */
export function mutate(source: Uint8Array, random: () => number, count: number): Uint8Array {
  const out = Uint8Array.from(source);
  if (out.length === 0) return out;
  for (let i = 0; i < count; i++) {
    const at = randomInt(random, out.length);
    const roll = random();
    if (roll < 0.5) out[at] = (out[at] as number) ^ (1 << randomInt(random, 8));
    else if (roll < 0.8) out[at] = SPECIAL[randomInt(random, SPECIAL.length)] as number;
    else out[at] = randomInt(random, 256);
  }
  return out;
}

/** CR-only newlines (old Mac), or a random CRLF / LF / CR per line. */
export function withNewlines(text: string, style: 'cr' | 'mixed', random: () => number): string {
  if (style === 'cr') return text.replace(/\n/g, '\r');
  const choices = ['\n', '\r\n', '\r'];
  return text
    .split('\n')
    .map((line, i, all) => (i === all.length - 1 ? line : line + choices[randomInt(random, choices.length)]))
    .join('');
}

// ---------------------------------------------------------------------------------------------------
// Hand-written bounces, one per family the decoders know.

export interface DsnOptions {
  recipients?: readonly string[];
  /** Extra headers of the bounce itself, written as given (folding is the caller's). */
  headers?: readonly string[];
  /** Replaces the human-readable part's body. */
  humanText?: string;
  humanHeaders?: readonly string[];
  /** Replaces the delivery-status part's body (and its part headers when given). */
  statusBody?: string;
  statusHeaders?: readonly string[];
  diagnostic?: string;
  /** Body of the returned message/rfc822 part. */
  original?: string;
}

export const DSN_RECIPIENT = 'nobody@example.org';

export const ORIGINAL_MESSAGE = [
  'Return-Path: <crm@example.net>',
  'From: CRM <crm@example.net>',
  'To: Nobody <nobody@example.org>',
  'Subject: Your invoice',
  'Message-ID: <1234.abcd@example.net>',
  'X-Campaign-Id: 42',
  '',
  'Hello.',
  '',
].join('\n');

export function statusFields(recipients: readonly string[], diagnostic: string): string {
  const blocks = recipients.map((recipient) =>
    [
      `Final-Recipient: rfc822; ${recipient}`,
      `Original-Recipient: rfc822;${recipient}`,
      'Action: failed',
      'Status: 5.1.1',
      'Remote-MTA: dns; mx.example.org',
      `Diagnostic-Code: smtp; ${diagnostic}`,
      '',
    ].join('\n'),
  );
  return [
    'Reporting-MTA: dns; mail.example.net',
    'X-Postfix-Queue-ID: 4ABCD1234',
    'Arrival-Date: Tue,  1 Apr 2025 10:00:00 +0000 (UTC)',
    '',
    ...blocks,
  ].join('\n');
}

/** A Postfix RFC 3464 report: multipart/report with text/plain, delivery-status and the original. */
export function postfixDsn(options: DsnOptions = {}): string {
  const recipients = options.recipients ?? [DSN_RECIPIENT];
  const diagnostic =
    options.diagnostic ??
    `550 5.1.1 <${recipients[0]}>: Recipient address rejected: User unknown in virtual mailbox table`;
  const boundary = '4ABCD1234.1743501600/mail.example.net';
  return [
    'Return-Path: <>',
    'Received: by mail.example.net (Postfix) id 4ABCD1234; Tue,  1 Apr 2025 10:00:00 +0000 (UTC)',
    'Date: Tue,  1 Apr 2025 10:00:00 +0000 (UTC)',
    'From: MAILER-DAEMON@mail.example.net (Mail Delivery System)',
    'Subject: Undelivered Mail Returned to Sender',
    'To: crm@example.net',
    'Auto-Submitted: auto-replied',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=delivery-status;\n\tboundary="${boundary}"`,
    'Content-Transfer-Encoding: 8bit',
    'Message-Id: <20250401100000.5EF671234@mail.example.net>',
    ...(options.headers ?? []),
    '',
    'This is a MIME-encapsulated message.',
    '',
    `--${boundary}`,
    ...(options.humanHeaders ?? [
      'Content-Description: Notification',
      'Content-Type: text/plain; charset=us-ascii',
    ]),
    '',
    options.humanText ??
      [
        'This is the mail system at host mail.example.net.',
        '',
        "I'm sorry to have to inform you that your message could not",
        'be delivered to one or more recipients.',
        '',
        `<${recipients[0]}>: host mx.example.org[192.0.2.1] said: ${diagnostic} (in reply to RCPT TO command)`,
      ].join('\n'),
    '',
    `--${boundary}`,
    ...(options.statusHeaders ?? [
      'Content-Description: Delivery report',
      'Content-Type: message/delivery-status',
    ]),
    '',
    options.statusBody ?? statusFields(recipients, diagnostic),
    `--${boundary}`,
    'Content-Description: Undelivered Message',
    'Content-Type: message/rfc822',
    'Content-Transfer-Encoding: 8bit',
    '',
    options.original ?? ORIGINAL_MESSAGE,
    `--${boundary}--`,
    '',
  ].join('\n');
}

export const EXIM_RECIPIENT = 'ghost@example.com';

/** Exim's plain-text bounce (deliver.c), no DSN part. */
export function eximBounce(recipientLine = `  ${EXIM_RECIPIENT}`, errorLines?: readonly string[]): string {
  return [
    'Return-path: <>',
    'Received: from mail by mx.example.net with local (Exim 4.96)',
    '\tid 1tAbCd-000123-Xy; Tue, 01 Apr 2025 10:00:00 +0000',
    'X-Failed-Recipients: ghost@example.com',
    'Auto-Submitted: auto-replied',
    'From: Mail Delivery System <Mailer-Daemon@mx.example.net>',
    'To: crm@example.net',
    'Subject: Mail delivery failed: returning message to sender',
    'Message-Id: <E1tAbCd-000123-Xy@mx.example.net>',
    'Date: Tue, 01 Apr 2025 10:00:00 +0000',
    '',
    'This message was created automatically by mail delivery software.',
    '',
    'A message that you sent could not be delivered to one or more of its',
    'recipients. This is a permanent error. The following address(es) failed:',
    '',
    recipientLine,
    ...(errorLines ?? [
      '    host mx.example.com [192.0.2.7]',
      '    SMTP error from remote mail server after RCPT TO:<ghost@example.com>:',
      '    550 5.1.1 <ghost@example.com>: Recipient address rejected: User unknown',
    ]),
    '',
    '------ This is a copy of the message, including all the headers. ------',
    '',
    ORIGINAL_MESSAGE,
  ].join('\n');
}

export const QMAIL_RECIPIENT = 'lost@example.jp';

/** qmail-send's bounce. */
export function qmailBounce(extraLine?: string): string {
  return [
    'Return-Path: <>',
    'Received: (qmail 12345 invoked for bounce); 1 Apr 2025 10:00:00 -0000',
    'Date: 1 Apr 2025 10:00:00 -0000',
    'From: MAILER-DAEMON@mx.example.net',
    'To: crm@example.net',
    'Subject: failure notice',
    '',
    'Hi. This is the qmail-send program at mx.example.net.',
    "I'm afraid I wasn't able to deliver your message to the following addresses.",
    "This is a permanent error; I've given up. Sorry it didn't work out.",
    '',
    `<${QMAIL_RECIPIENT}>:`,
    '192.0.2.9 does not like recipient.',
    'Remote host said: 550 5.1.1 <lost@example.jp>... User unknown',
    ...(extraLine === undefined ? [] : [extraLine]),
    'Giving up on 192.0.2.9.',
    '',
    '--- Below this line is a copy of the message.',
    '',
    ORIGINAL_MESSAGE,
  ].join('\n');
}

export const ARF_RECIPIENT = 'complainer@example.com';

/** An RFC 5965 feedback report. */
export function arfReport(): string {
  const boundary = 'arf_boundary_0001';
  return [
    'From: <staff@fbl.example.com>',
    'Date: Tue, 01 Apr 2025 10:00:00 +0000',
    'Subject: FW: Your invoice',
    'To: <abuse@example.net>',
    'MIME-Version: 1.0',
    `Content-Type: multipart/report; report-type=feedback-report; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset="US-ASCII"',
    '',
    'This is an email abuse report for an email message received from IP 192.0.2.44.',
    '',
    `--${boundary}`,
    'Content-Type: message/feedback-report',
    '',
    'Feedback-Type: abuse',
    'User-Agent: SomeGenerator/1.0',
    'Version: 1',
    'Original-Mail-From: <crm@example.net>',
    `Original-Rcpt-To: <${ARF_RECIPIENT}>`,
    'Arrival-Date: Tue, 01 Apr 2025 09:59:00 +0000',
    'Reporting-MTA: dns; fbl.example.com',
    'Source-IP: 192.0.2.44',
    '',
    `--${boundary}`,
    'Content-Type: message/rfc822',
    'Content-Disposition: inline',
    '',
    ORIGINAL_MESSAGE.replace('nobody@example.org', ARF_RECIPIENT),
    `--${boundary}--`,
    '',
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------------
// Large and pathological inputs, built by name so a worker thread can build them itself.

/** A line of `size` bytes: no '@' at all, or '@' every other byte ("a@a@a@..."). */
export function longLine(kind: 'no-at' | 'many-at', size: number): string {
  return kind === 'no-at' ? 'x'.repeat(size) : 'a@'.repeat(Math.ceil(size / 2)).slice(0, size);
}

/** Where a long line is put: each reaches different code (header decoding, address scans, decoders). */
export const LONG_LINE_PLACES = [
  'subject',
  'received',
  'from',
  'diagnostic',
  'dsn-body',
  'exim-head',
  'exim-error',
  'qmail-error',
] as const;
export type LongLinePlace = (typeof LONG_LINE_PLACES)[number];

export interface BuiltCase {
  raw: Uint8Array;
  /** The recipients the classifier must still find, in order; undefined: only the invariants hold. */
  expect?: string[] | undefined;
}

export function longLineCase(place: LongLinePlace, kind: 'no-at' | 'many-at', size: number): BuiltCase {
  const line = longLine(kind, size);
  const dsn = (options: DsnOptions): BuiltCase => ({
    raw: bytes(postfixDsn(options)),
    expect: [DSN_RECIPIENT],
  });
  switch (place) {
    case 'subject':
      return dsn({ headers: [`X-Long-Subject: ${line}`, `Subject: ${line}`] });
    case 'received':
      return dsn({ headers: [`Received: from ${line} by mail.example.net with ESMTP id ${line}`] });
    case 'from':
      // A second From comes after the real one: decoders read the first, header code sees both.
      return {
        raw: bytes(postfixDsn({}).replace('From: ', `From: ${line}\nX-Was-From: `)),
        expect: undefined,
      };
    case 'diagnostic':
      return dsn({ diagnostic: `550 5.1.1 ${line}` });
    case 'dsn-body':
      return dsn({ humanText: `Your message could not be delivered.\n${line}\n${line}` });
    case 'exim-head':
      return { raw: bytes(eximBounce(`  ${line}`)), expect: undefined };
    case 'exim-error':
      return {
        raw: bytes(
          eximBounce(undefined, [
            `    SMTP error from remote mail server after RCPT TO:<${line}>: 550 ${line}`,
          ]),
        ),
        expect: [EXIM_RECIPIENT],
      };
    case 'qmail-error':
      return { raw: bytes(qmailBounce(line)), expect: [QMAIL_RECIPIENT] };
  }
}

/** `depth` multiparts nested in each other, the DSN parts at the bottom. */
export function nestedMultipart(depth: number): string {
  const dsn = postfixDsn();
  const cut = dsn.indexOf('\n\n');
  let body =
    dsn
      .slice(0, cut)
      .split('\n')
      .filter((line) => /^(content-type|\s)/i.test(line))
      .join('\n') +
    '\n\n' +
    dsn.slice(cut + 2);
  for (let level = depth; level > 0; level--) {
    const boundary = `nest-${level}`;
    body = [
      `Content-Type: multipart/mixed; boundary="${boundary}"`,
      '',
      `--${boundary}`,
      body,
      `--${boundary}--`,
      '',
    ].join('\n');
  }
  return [
    'From: MAILER-DAEMON@mail.example.net',
    'Subject: Undelivered Mail Returned to Sender',
    'MIME-Version: 1.0',
    body,
  ].join('\n');
}

/** Base64 of `size` bytes of pseudo-random data in 76-character lines (CRLF), fast to build. */
export function base64Block(size: number, seed: number): string {
  const random = prng(seed);
  const data = Buffer.allocUnsafe(size);
  for (let i = 0; i + 4 <= size; i += 4) data.writeUInt32LE(Math.floor(random() * 0x100000000), i);
  const encoded = data.toString('base64');
  const lines: string[] = [];
  for (let i = 0; i < encoded.length; i += 76) lines.push(encoded.slice(i, i + 76));
  return lines.join('\r\n');
}

/** A DSN whose returned message carries an attachment, about `totalBytes` in all, CRLF throughout. */
export function dsnWithAttachment(totalBytes: number, seed: number): string {
  const boundary = 'original-mixed-boundary';
  const encodedSize = Math.floor(((totalBytes - 4096) * 76) / 78);
  const original = [
    ORIGINAL_MESSAGE.slice(0, ORIGINAL_MESSAGE.indexOf('\n\n')),
    'MIME-Version: 1.0',
    `Content-Type: multipart/mixed; boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    '',
    'Please find the report attached.',
    `--${boundary}`,
    'Content-Type: application/pdf; name="report.pdf"',
    'Content-Transfer-Encoding: base64',
    'Content-Disposition: attachment; filename="report.pdf"',
    '',
    '\u0000ATTACHMENT\u0000',
    `--${boundary}--`,
    '',
  ].join('\n');
  const mail = crlf(postfixDsn({ original }));
  return mail.replace('\u0000ATTACHMENT\u0000', base64Block(Math.floor((encodedSize * 3) / 4), seed));
}

export function manyRecipients(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `user${i}@host${i % 97}.example.org`);
}

/** Cases a worker builds by name: the big ones, kept out of the test's own heap and time budget. */
export function buildCase(name: string, size: number, seed: number): BuiltCase {
  const [family, a, b] = name.split(':');
  if (family === 'long-line') return longLineCase(a as LongLinePlace, b as 'no-at' | 'many-at', size);
  if (family === 'nested') return { raw: bytes(nestedMultipart(size)), expect: undefined };
  if (family === 'attachment') return { raw: bytes(dsnWithAttachment(size, seed)), expect: [DSN_RECIPIENT] };
  if (family === 'recipients') {
    const recipients = manyRecipients(size);
    return { raw: bytes(postfixDsn({ recipients })), expect: recipients };
  }
  throw new Error(`unknown case ${name}`);
}
