import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Worker } from 'node:worker_threads';
import { classify } from '../../src/classify/classify.js';
import { MAX_DEPTH } from '../../src/classify/mime/mime-tree.js';
import { REASONS } from '../../src/classify/reasons.js';
import type { Verdict } from '../../src/classify/types.js';
import {
  ARF_RECIPIENT,
  DSN_RECIPIENT,
  EXIM_RECIPIENT,
  LONG_LINE_PLACES,
  QMAIL_RECIPIENT,
  arfReport,
  bytes,
  crlf,
  eximBounce,
  mutate,
  postfixDsn,
  prng,
  qmailBounce,
  randomInt,
  seedFromEnv,
  statusFields,
  withNewlines,
} from '../support/mail-mutations.js';

/**
 * classify() must be total: any bytes in, an array of well-formed verdicts out, never an exception,
 * and time linear in the input. Inputs are generated (see test/support/mail-mutations.ts); the random
 * ones come from one seed, printed with every failure: replay with ROBUSTNESS_SEED=<seed>.
 */
const SEED = seedFromEnv();
const MB = 1024 * 1024;

/** The verdict invariants every consumer relies on. Returns the verdicts, typed. */
function checkVerdicts(result: unknown, context: string): Verdict[] {
  assert.ok(Array.isArray(result), `${context}: classify returned ${typeof result}, not an array`);
  for (const verdict of result as Verdict[]) {
    const where = `${context}: verdict ${JSON.stringify(verdict).slice(0, 300)}`;
    assert.equal(typeof verdict.recipient, 'string', where);
    assert.ok(verdict.recipient.includes('@'), `${where}: recipient without '@'`);
    assert.equal(verdict.recipient, verdict.recipient.toLowerCase(), `${where}: recipient not lower-case`);
    assert.ok(Object.hasOwn(REASONS, verdict.reason), `${where}: unknown reason`);
    assert.equal(verdict.kind, REASONS[verdict.reason].kind, `${where}: kind does not match REASONS`);
    assert.ok(
      typeof verdict.evidence?.rule === 'string' && verdict.evidence.rule !== '',
      `${where}: empty evidence.rule`,
    );
    assert.ok(typeof verdict.decoder === 'string' && verdict.decoder !== '', `${where}: empty decoder`);
  }
  return result as Verdict[];
}

/** Classify, turning an exception into a failure that names the input. */
function safeClassify(raw: Uint8Array | string, context: string): Verdict[] {
  let result: unknown;
  try {
    result = classify(raw);
  } catch (error) {
    assert.fail(`${context}: classify threw ${(error as Error)?.stack ?? String(error)}`);
  }
  return checkVerdicts(result, context);
}

function recipients(verdicts: Verdict[]): string[] {
  return verdicts.map((verdict) => verdict.recipient);
}

test('the hand-written bounces are classified (the baseline the mutants start from)', (t) => {
  t.diagnostic(`ROBUSTNESS_SEED=${SEED}`);
  const dsn = safeClassify(postfixDsn(), 'postfix DSN');
  assert.deepEqual(recipients(dsn), [DSN_RECIPIENT]);
  assert.equal(dsn[0]?.reason, 'userunknown');
  assert.deepEqual(recipients(safeClassify(eximBounce(), 'exim')), [EXIM_RECIPIENT]);
  assert.deepEqual(recipients(safeClassify(qmailBounce(), 'qmail')), [QMAIL_RECIPIENT]);
  const arf = safeClassify(arfReport(), 'arf');
  assert.deepEqual(recipients(arf), [ARF_RECIPIENT]);
  assert.equal(arf[0]?.kind, 'complaint');
});

test('a DSN truncated at every 37th byte (LF and CRLF)', () => {
  for (const [name, mail] of [
    ['LF', postfixDsn()],
    ['CRLF', crlf(postfixDsn())],
  ] as const) {
    // Once the whole delivery-status part is in, the recipient must be found whatever follows is lost.
    const statusEnd = mail.indexOf('Content-Description: Undelivered Message');
    for (let cut = 0; cut <= mail.length; cut += 37) {
      const context = `${name} DSN cut at byte ${cut} of ${mail.length}`;
      const verdicts = safeClassify(bytes(mail.slice(0, cut)), context);
      for (const found of recipients(verdicts)) {
        assert.ok(DSN_RECIPIENT.startsWith(found.slice(0, -1)), `${context}: unexpected recipient ${found}`);
      }
      if (cut >= statusEnd) assert.deepEqual(recipients(verdicts), [DSN_RECIPIENT], context);
    }
  }
});

test('1,000 byte-flip mutants of each of four bounces (Postfix DSN, Exim, qmail, ARF)', (t) => {
  t.diagnostic(`ROBUSTNESS_SEED=${SEED}`);
  const random = prng(SEED);
  const bases = { postfix: postfixDsn(), exim: eximBounce(), qmail: qmailBounce(), arf: arfReport() };
  for (const [name, mail] of Object.entries(bases)) {
    const source = bytes(mail);
    for (let i = 0; i < 1000; i++) {
      const mutant = mutate(source, random, 1 + randomInt(random, 8));
      safeClassify(mutant, `${name} mutant #${i} (ROBUSTNESS_SEED=${SEED})`);
    }
  }
});

test('invalid and unknown charsets: the DSN recipient is still found', () => {
  const brokenJis = 'Fehler \x1b$B$3$s\x1b(B ok \x1b$B$K$A \x1b( \x1b$ \x1b$B\x1b$B \x1b$B\xa4\xb3 end';
  const cases: Record<string, string> = {
    'x-nonsense parts': postfixDsn({
      humanHeaders: ['Content-Type: text/plain; charset="x-nonsense"'],
      humanText: 'Caf\xe9 \xff\xfe not delivered',
      statusHeaders: ['Content-Type: message/delivery-status; charset="x-nonsense"'],
    }),
    'utf-7 parts': postfixDsn({
      humanHeaders: ['Content-Type: text/plain; charset=utf-7'],
      humanText: 'Hi +AGEAYgBj- and +ZeVnLIqe- broken +AGE',
      statusHeaders: ['Content-Type: message/delivery-status; charset="UTF-7"'],
    }),
    'ISO-2022-JP with broken escapes': postfixDsn({
      humanHeaders: ['Content-Type: text/plain; charset=ISO-2022-JP'],
      humanText: brokenJis,
      statusHeaders: ['Content-Type: message/delivery-status; charset=iso-2022-jp'],
      diagnostic: `550 5.1.1 user unknown ${brokenJis}`,
    }),
    'encoded words in unknown and broken charsets': postfixDsn({
      headers: [
        'X-Nonsense: =?x-nonsense?B?w6k=?= =?utf-7?Q?+AGE-?= =?ISO-2022-JP?B?GyRCJEgbKA?= =?iso-2022-jp?q?=1B$B?=',
        'Subject: =?ISO-2022-JP?B?GyRCGyQ=?= =??B?AAAA?= =?x?Q?=ZZ?= =?utf-8*en?B?!!!?=',
      ],
    }),
    'RFC 2231 parameter in a made-up charset': postfixDsn({
      humanHeaders: [
        "Content-Type: text/plain; charset*=x-nonsense''%ff%fe; name*0*=x-bogus'en'%e9; name*1=x",
      ],
    }),
  };
  for (const [name, mail] of Object.entries(cases)) {
    assert.deepEqual(recipients(safeClassify(bytes(mail), name)), [DSN_RECIPIENT], name);
  }
});

test('invalid base64 and quoted-printable', () => {
  const status = statusFields([DSN_RECIPIENT], '550 5.1.1 User unknown');
  const base64 = Buffer.from(status, 'latin1').toString('base64');
  const lines = base64.match(/.{1,60}/g) ?? [];
  const qp = status
    .replace(/=/g, '=3D')
    .replace('Diagnostic-Code: smtp; 550', 'Diagnostic-Code: smtp; 550 =ZZ =4 =\t\nnext =')
    .replace('Reporting-MTA', 'Report=\ning-MTA');
  const expectFound: Record<string, string> = {
    'base64 padded on every line': postfixDsn({
      statusHeaders: ['Content-Type: message/delivery-status', 'Content-Transfer-Encoding: base64'],
      statusBody: lines
        .map((line) =>
          Buffer.from(Buffer.from(line, 'base64').toString('latin1'), 'latin1').toString('base64'),
        )
        .join('\n'),
    }),
    'base64 with junk characters': postfixDsn({
      statusHeaders: ['Content-Type: message/delivery-status', 'Content-Transfer-Encoding: BASE64'],
      statusBody: lines.map((line, i) => (i % 3 === 0 ? `${line}*!` : `\t${line}`)).join('\n'),
    }),
    'quoted-printable with broken escapes and soft breaks': postfixDsn({
      statusHeaders: ['Content-Type: message/delivery-status', 'Content-Transfer-Encoding: quoted-printable'],
      statusBody: qp,
    }),
  };
  for (const [name, mail] of Object.entries(expectFound)) {
    assert.deepEqual(recipients(safeClassify(bytes(mail), name)), [DSN_RECIPIENT], name);
  }
  const garbage: Record<string, string> = {
    'base64 of nothing but padding': '====\n====\n=',
    'base64 of one character': 'a',
    'base64 of binary junk': '\x00\xff%%%%$$$$\x1b\x80',
    'quoted-printable of lone equals signs': '=\n=\n==\n=',
    'quoted-printable with truncated escapes': '=A=B=C=\x00=\xff=',
  };
  for (const [name, body] of Object.entries(garbage)) {
    for (const encoding of ['base64', 'quoted-printable']) {
      const context = `${name} as ${encoding}`;
      const headers = ['Content-Type: message/delivery-status', `Content-Transfer-Encoding: ${encoding}`];
      safeClassify(
        bytes(postfixDsn({ statusHeaders: headers, statusBody: body })),
        `${context} (delivery-status)`,
      );
      safeClassify(bytes(postfixDsn({ humanHeaders: headers, humanText: body })), `${context} (text part)`);
    }
  }
});

test('NUL bytes', () => {
  const withNuls = postfixDsn({
    headers: ['X-Nul\x00Header: a\x00b', 'Subject: \x00\x00'],
    humanText: 'Delivery\x00 failed\x00\n\x00\n',
    diagnostic: '550 5.1.1\x00 User\x00unknown',
  });
  assert.deepEqual(recipients(safeClassify(bytes(withNuls), 'DSN with NULs')), [DSN_RECIPIENT]);
  safeClassify(new Uint8Array(MB), '1 MB of NUL bytes');
  safeClassify('\x00', 'one NUL');
  safeClassify(bytes(postfixDsn().replace(/\n/g, '\x00')), 'NUL for every newline');
});

test('empty input, a lone "From " line, blank lines only', () => {
  for (const [name, raw] of [
    ['empty string', ''],
    ['empty bytes', new Uint8Array(0)],
    ['a lone From line', 'From MAILER-DAEMON  Tue Apr  1 10:00:00 2025'],
    ['a lone From line and newline', 'From MAILER-DAEMON  Tue Apr  1 10:00:00 2025\n'],
    ['a From line and a blank line', 'From MAILER-DAEMON  Tue Apr  1 10:00:00 2025\r\n\r\n'],
    ['blank lines', '\n\n\r\n\r\r'],
    ['one colon', ':'],
    ['a boundary and nothing else', 'Content-Type: multipart/report; boundary=x\n\n--x\n--x--'],
  ] as const) {
    const verdicts = safeClassify(raw, name);
    assert.deepEqual(verdicts, [], name);
  }
});

test('CR-only and mixed newlines', (t) => {
  t.diagnostic(`ROBUSTNESS_SEED=${SEED}`);
  const mail = postfixDsn();
  const crOnly = bytes(withNewlines(mail, 'cr', Math.random));
  assert.deepEqual(recipients(safeClassify(crOnly, 'CR-only DSN')), [DSN_RECIPIENT]);
  const random = prng(SEED ^ 0x5eed);
  for (let i = 0; i < 50; i++) {
    const context = `mixed-newline DSN #${i} (ROBUSTNESS_SEED=${SEED})`;
    assert.deepEqual(
      recipients(safeClassify(bytes(withNewlines(mail, 'mixed', random)), context)),
      [DSN_RECIPIENT],
      context,
    );
  }
  safeClassify(bytes(mail.replace(/\n/g, '\r\r\n')), 'CR CR LF newlines');
  safeClassify(bytes(mail.replace(/\n/g, '\n\r')), 'LF CR newlines');
});

// ---------------------------------------------------------------------------------------------------
// Big inputs run in a worker thread: a quadratic scan or a backtracking regex on megabytes would
// otherwise hang the whole test run; a worker can be terminated, and its time is reported.

interface CaseResult {
  ms: number;
  size: number;
  verdicts: Verdict[];
  expect: string[] | undefined;
}

const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
(async () => {
  const { classify } = await import(workerData.classifyUrl);
  const m = await import(workerData.mutationsUrl);
  const built = m.buildCase(workerData.name, workerData.size, workerData.seed);
  const input = workerData.asString ? Buffer.from(built.raw).toString('latin1') : built.raw;
  classify(m.bytes(m.postfixDsn())); // warm up the code paths
  let ms = Infinity;
  let verdicts;
  for (let run = 0; run < workerData.runs; run++) {
    const start = performance.now();
    verdicts = classify(input);
    ms = Math.min(ms, performance.now() - start);
  }
  parentPort.postMessage({ ok: true, ms, size: built.raw.length, verdicts, expect: built.expect });
})().catch((error) => parentPort.postMessage({ ok: false, error: String((error && error.stack) || error) }));
`;

/** Build case `name` of `size` in a worker and classify it `runs` times; the best time is kept. */
function runCase(
  name: string,
  size: number,
  options: { runs?: number; timeoutMs: number; asString?: boolean },
): Promise<CaseResult> {
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: {
      name,
      size,
      seed: SEED,
      runs: options.runs ?? 1,
      asString: options.asString ?? false,
      classifyUrl: new URL('../../src/classify/classify.js', import.meta.url).href,
      mutationsUrl: new URL('../support/mail-mutations.js', import.meta.url).href,
    },
    resourceLimits: { maxOldGenerationSizeMb: 4096 },
  });
  return new Promise<CaseResult>((resolve, reject) => {
    const timer = setTimeout(() => {
      void worker.terminate();
      reject(
        new Error(
          `${name} (${size}): classify did not finish in ${options.timeoutMs / 1000} s: ` +
            'quadratic work or a backtracking regex on a long input',
        ),
      );
    }, options.timeoutMs);
    worker.once('message', (message: { ok: boolean; error?: string } & CaseResult) => {
      clearTimeout(timer);
      void worker.terminate();
      if (message.ok) resolve(message);
      else reject(new Error(`${name} (${size}): classify threw ${message.error}`));
    });
    worker.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

function checkCase(result: CaseResult, context: string): void {
  const verdicts = checkVerdicts(result.verdicts, context);
  if (result.expect !== undefined) assert.deepEqual(recipients(verdicts), result.expect, context);
}

test('1 MB lines, without "@" and of many "@"s, in headers, report fields and decoder text', async (t) => {
  const failures: string[] = [];
  for (const place of LONG_LINE_PLACES) {
    for (const kind of ['no-at', 'many-at'] as const) {
      const name = `long-line:${place}:${kind}`;
      try {
        // Linear code handles 1 MB in well under a second; the timeout only stops a quadratic one.
        const result = await runCase(name, MB, { timeoutMs: 5_000 });
        t.diagnostic(`${name}: ${result.ms.toFixed(1)} ms for a ${(result.size / MB).toFixed(1)} MB mail`);
        checkCase(result, name);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  }
  assert.deepEqual(failures, []);
});

test('100 nested multiparts (and fewer than the depth limit, where the DSN is still found)', async (t) => {
  const deep = await runCase('nested', 100, { timeoutMs: 10_000 });
  t.diagnostic(`100 nested multiparts: ${deep.ms.toFixed(1)} ms`);
  checkCase(deep, 'nested 100');
  const shallow = await runCase('nested', MAX_DEPTH - 2, { timeoutMs: 10_000 });
  checkCase(shallow, `nested ${MAX_DEPTH - 2}`);
  assert.deepEqual(recipients(shallow.verdicts), [DSN_RECIPIENT]);
});

test('a 20 MB base64 attachment in a DSN: the verdict is found, in under a second', async (t) => {
  const result = await runCase('attachment', 20 * MB, { runs: 3, timeoutMs: 60_000 });
  t.diagnostic(`20 MB DSN with attachment: ${result.ms.toFixed(1)} ms (best of 3)`);
  checkCase(result, '20 MB DSN');
  // The "a 20 MB mail in under a second" guards against quadratic code: it is no speed
  // target (linear parsing of 20 MB takes tens of milliseconds), so a miss means a real regression.
  assert.ok(result.ms < 1000, `20 MB DSN took ${result.ms.toFixed(0)} ms`);
});

test('10,000 recipients in one DSN: all found', async (t) => {
  const result = await runCase('recipients', 10_000, { timeoutMs: 30_000 });
  t.diagnostic(`10,000 recipients: ${result.ms.toFixed(1)} ms`);
  checkCase(result, '10,000 recipients');
});

test('linear growth: a pathological long line of 20 MB costs < 50x the same line of 2 MB', async (t) => {
  const failures: string[] = [];
  for (const place of LONG_LINE_PLACES) {
    for (const kind of ['no-at', 'many-at'] as const) {
      const name = `long-line:${place}:${kind}`;
      try {
        // Given as a string: Buffer-to-string copying of 40 MB alone grows ~25x from 4 MB on this
        // platform (page faults, not our code), which would blur the comparison of the classifier's work.
        const small = await runCase(name, 2 * MB, { runs: 3, timeoutMs: 10_000, asString: true });
        const large = await runCase(name, 20 * MB, { runs: 3, timeoutMs: 30_000, asString: true });
        t.diagnostic(`${name}: 2 MB ${small.ms.toFixed(1)} ms, 20 MB ${large.ms.toFixed(1)} ms`);
        checkCase(large, `${name} 20 MB`);
        // Linear growth is 10x; quadratic would be 100x. 50x leaves room for GC, cache effects and a
        // loaded machine (the other core busy). A few milliseconds are scheduling noise: the 2 MB time
        // counts as at least 5 ms, which still fails anything quadratic (>= 500 ms at 20 MB).
        assert.ok(
          large.ms < 50 * Math.max(small.ms, 5),
          `${name}: 20 MB took ${large.ms.toFixed(1)} ms, ${(large.ms / small.ms).toFixed(1)}x the 2 MB ${small.ms.toFixed(1)} ms`,
        );
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
  }
  assert.deepEqual(failures, []);
});
