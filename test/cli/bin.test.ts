/** The real `rebound` bin, spawned as a child process on temporary files. */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';

const BIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

/** A minimal RFC 3464 report, as Postfix writes them. */
const POSTFIX_DSN = `Return-Path: <>
From: MAILER-DAEMON@mx.example.com (Mail Delivery System)
To: sender@example.com
Subject: Undelivered Mail Returned to Sender
Date: Mon, 6 Jan 2025 10:00:00 +0000
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B1"

--B1
Content-Type: text/plain

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

<nobody@example.org>: host mx.example.org[192.0.2.1] said: 550 5.1.1
    <nobody@example.org>: Recipient address rejected: User unknown (in reply to
    RCPT TO command)

--B1
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com

Final-Recipient: rfc822; nobody@example.org
Action: failed
Status: 5.1.1
Remote-MTA: dns; mx.example.org
Diagnostic-Code: smtp; 550 5.1.1 <nobody@example.org>: Recipient address
    rejected: User unknown

--B1
Content-Type: text/rfc822-headers

From: sender@example.com
To: nobody@example.org
Subject: hello
Message-ID: <m1@example.com>

--B1--
`;

const NOT_A_BOUNCE = 'From: a@example.com\nTo: b@example.com\nSubject: hi\n\nJust a note.\n';

let root: string;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'rebound-bin-'));
  writeFileSync(join(root, 'dsn.eml'), POSTFIX_DSN);
  writeFileSync(
    join(root, 'mbox'),
    `From MAILER-DAEMON Mon Jan  6 10:00:00 2025\n${POSTFIX_DSN}\n`.repeat(3),
  );
  mkdirSync(join(root, 'maildir/cur'), { recursive: true });
  writeFileSync(join(root, 'maildir/cur/1.eml'), POSTFIX_DSN);
  writeFileSync(join(root, 'maildir/cur/2.eml'), NOT_A_BOUNCE);
});

after(() => rmSync(root, { recursive: true, force: true }));

function rebound(args: string[], input?: string) {
  // The timeout turns a hang into a failure (status null) instead of a stuck test run.
  const result = spawnSync(process.execPath, [BIN, ...args], { input, encoding: 'utf8', timeout: 60_000 });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

interface Line {
  source: string;
  index: number;
  verdicts: { recipient: string; status: string | null }[];
}

function jsonLines(stdout: string): Line[] {
  assert.ok(stdout.endsWith('\n'), 'output ends with a newline');
  return stdout
    .slice(0, -1)
    .split('\n')
    .map((line) => JSON.parse(line) as Line);
}

/** Loose on purpose: the classifier evolves on its own; the CLI only has to pass its verdicts through. */
function assertUserUnknown(line: Line | undefined): void {
  assert.ok(line);
  assert.equal(line.verdicts.length, 1);
  assert.equal(line.verdicts[0]?.recipient, 'nobody@example.org');
  assert.equal(line.verdicts[0]?.status, '5.1.1');
}

test('classify FILE prints one JSON line with source, index and verdicts', () => {
  const path = join(root, 'dsn.eml');
  const { status, stdout, stderr } = rebound(['classify', path]);
  assert.equal(stderr, '');
  assert.equal(status, 0);
  const lines = jsonLines(stdout);
  assert.equal(lines.length, 1);
  assert.deepEqual(Object.keys(lines[0] ?? {}), ['source', 'index', 'verdicts']);
  assert.equal(lines[0]?.source, path);
  assert.equal(lines[0]?.index, 1);
  assertUserUnknown(lines[0]);
});

test('classify MBOX numbers its messages from 1', () => {
  const path = join(root, 'mbox');
  const lines = jsonLines(rebound(['classify', path]).stdout);
  assert.deepEqual(
    lines.map(({ source, index }) => [source, index]),
    [
      [path, 1],
      [path, 2],
      [path, 3],
    ],
  );
  lines.forEach(assertUserUnknown);
});

test('classify DIR names each file found, and a non-bounce gets an empty list', () => {
  const dir = join(root, 'maildir');
  const { status, stdout } = rebound(['classify', dir]);
  assert.equal(status, 0);
  const lines = jsonLines(stdout);
  assert.deepEqual(
    lines.map((line) => line.source),
    [join(dir, 'cur/1.eml'), join(dir, 'cur/2.eml')],
  );
  assertUserUnknown(lines[0]);
  assert.deepEqual(lines[1]?.verdicts, []);
});

test('classify - reads stdin', () => {
  const lines = jsonLines(rebound(['classify', '-'], POSTFIX_DSN).stdout);
  assert.equal(lines.length, 1);
  assert.equal(lines[0]?.source, '-');
  assertUserUnknown(lines[0]);
});

test('classify --format table prints aligned columns', () => {
  const { status, stdout } = rebound(['classify', '--format', 'table', join(root, 'maildir')]);
  assert.equal(status, 0);
  const [header, first, second, ...rest] = stdout.trimEnd().split('\n');
  assert.deepEqual(rest, []);
  assert.deepEqual(header?.split(/ +/), [
    'source',
    'index',
    'recipient',
    'reason',
    'kind',
    'hardBounce',
    'status',
    'replyCode',
    'decoder',
  ]);
  assert.match(first ?? '', /1\.eml +1 +nobody@example\.org .* 5\.1\.1 /);
  assert.match(second ?? '', /2\.eml +1 +- +- /);
  // Aligned: each column starts at the same offset on every line.
  assert.equal(header?.indexOf('recipient'), first?.indexOf('nobody@'));
});

test('a missing path: one line on stderr, the other paths still done, exit 1', () => {
  const missing = join(root, 'missing.eml');
  const { status, stdout, stderr } = rebound(['classify', missing, join(root, 'dsn.eml')]);
  assert.equal(status, 1);
  assert.equal(stderr, `rebound: cannot read ${missing}: no such file or directory\n`);
  assert.equal(jsonLines(stdout).length, 1);
});

test('an unknown command: one line on stderr, exit 2', () => {
  const { status, stdout, stderr } = rebound(['clasify']);
  assert.equal(status, 2);
  assert.equal(stdout, '');
  assert.match(stderr, /^rebound: unknown command 'clasify' .*--help.*\n$/);
});

test('classify without a path or with an unknown format is a usage error', () => {
  assert.equal(rebound(['classify']).status, 2);
  assert.equal(rebound(['classify', '--format', 'xml', root]).status, 2);
  assert.equal(rebound(['classify', '--bogus', root]).status, 2);
});

test('--version prints the version of package.json, --help the usage', () => {
  const pkg = JSON.parse(readFileSync(new URL('../../../package.json', import.meta.url), 'utf8')) as {
    version: string;
  };
  assert.equal(rebound(['--version']).stdout, `${pkg.version}\n`);
  const help = rebound(['--help']);
  assert.equal(help.status, 0);
  assert.match(help.stdout, /^Usage: rebound <command>/);
  assert.match(help.stdout, /classify/);
  assert.match(rebound(['classify', '--help']).stdout, /^Usage: rebound classify/);
});

test('a reader that goes away early (| head) ends the run quietly', () => {
  const many = join(root, 'many');
  mkdirSync(many);
  for (let i = 0; i < 2000; i++) writeFileSync(join(many, `${String(i).padStart(4, '0')}.eml`), POSTFIX_DSN);
  const result = spawnSync('sh', ['-c', `"${process.execPath}" "${BIN}" classify "${many}" | head -n 1`], {
    encoding: 'utf8',
  });
  assert.equal(result.stderr, '');
  assert.equal(result.stdout.split('\n').length, 2);
});

test('classify --threads N writes what one thread writes, in the same order, with the same errors', () => {
  const mixed = join(root, 'mixed');
  mkdirSync(join(mixed, 'sub'), { recursive: true });
  // More files than one batch, so that the batches of several workers interleave.
  for (let i = 0; i < 150; i++) {
    const dir = i % 7 === 0 ? join(mixed, 'sub') : mixed;
    writeFileSync(join(dir, `${String(i).padStart(3, '0')}.eml`), i % 3 === 0 ? NOT_A_BOUNCE : POSTFIX_DSN);
  }
  writeFileSync(join(mixed, 'box.mbox'), `From a\n${POSTFIX_DSN}\nFrom b\n${NOT_A_BOUNCE}`);
  const paths = [join(root, 'dsn.eml'), join(root, 'missing.eml'), mixed];
  const serial = rebound(['classify', ...paths]);
  assert.equal(jsonLines(serial.stdout).length, 153);
  for (const threads of ['2', '3']) {
    const threaded = rebound(['classify', '--threads', threads, ...paths]);
    assert.equal(threaded.status, serial.status);
    assert.equal(threaded.stderr, serial.stderr);
    assert.equal(threaded.stdout, serial.stdout);
  }
});

test('classify --threads with nothing to read ends at once', () => {
  const empty = join(root, 'empty');
  mkdirSync(empty);
  assert.deepEqual(rebound(['classify', '--threads', '2', empty]), { status: 0, stdout: '', stderr: '' });
});

test('classify --threads: a wrong count, stdin or the table format is a usage error', () => {
  for (const args of [
    ['--threads', '0'],
    ['--threads', 'two'],
    ['--threads', '2', '--format', 'table'],
  ]) {
    const { status, stderr } = rebound(['classify', ...args, root]);
    assert.equal(status, 2, args.join(' '));
    assert.match(stderr, /^rebound: .*--threads/);
  }
  assert.equal(rebound(['classify', '--threads', '2', '-'], POSTFIX_DSN).status, 2);
});

test('classify --threads: a reader that goes away early ends the run quietly', () => {
  const many = join(root, 'many-threads');
  mkdirSync(many);
  for (let i = 0; i < 500; i++) writeFileSync(join(many, `${String(i).padStart(4, '0')}.eml`), POSTFIX_DSN);
  const command = `"${process.execPath}" "${BIN}" classify --threads 2 "${many}" | head -n 1`;
  const result = spawnSync('sh', ['-c', command], { encoding: 'utf8' });
  assert.equal(result.stderr, '');
  assert.equal(result.stdout.split('\n').length, 2);
});
