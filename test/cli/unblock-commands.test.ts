/** The unblock commands through the real bin, on a temporary database, with a DNS server on loopback. */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, test } from 'node:test';
import { hardBounce } from '../support/dsn-builder.js';
import { startDnsServer, type DnsServer } from '../support/dns-server.js';

const BIN = fileURLToPath(new URL('../../src/cli/main.js', import.meta.url));

let root: string;
let dns: DnsServer;
before(async () => {
  root = mkdtempSync(join(tmpdir(), 'rebound-unblock-cli-'));
  dns = await startDnsServer({ 'example.org': { MX: [{ exchange: 'mx.example.org', priority: 10 }] } });
});
after(async () => {
  await dns.close();
  rmSync(root, { recursive: true, force: true });
});

/** Async: the DNS server answers from this process, which a synchronous spawn would freeze. */
function rebound(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    REBOUND_DB: join(root, 'rebound.db'),
    REBOUND_DNS_SERVERS: dns.address,
  };
  delete env.DATABASE_URL;
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { env }, (error, stdout, stderr) => {
      resolve({ status: error === null ? 0 : Number(error.code), stdout, stderr });
    });
  });
}

test('request-unblock, unblock-requests list and approve, on the local database', async () => {
  const mail = join(root, 'bounce.eml');
  writeFileSync(mail, hardBounce('nobody@example.org', 'cli-1', '2026-01-02T00:00:00Z'));
  assert.equal((await rebound('import', mail)).status, 0);

  const asked = await rebound(
    'request-unblock',
    'nobody@example.org',
    '--reason',
    'customer called',
    '--json',
  );
  assert.equal(asked.status, 0, asked.stderr);
  const request = JSON.parse(asked.stdout);
  assert.equal(request.state, 'pending');
  assert.equal(request.checks.domain.hosts[0], 'mx.example.org');
  assert.match(request.requestedBy, /^cli:/);

  const listed = await rebound('unblock-requests', 'list', '--state', 'pending');
  assert.equal(listed.status, 0, listed.stderr);
  assert.match(listed.stdout, /^id +state +address +createdAt +explanation\n/);
  assert.match(
    listed.stdout,
    new RegExp(`\\n${request.id} +pending +nobody@example.org .*Waiting for an administrator`),
  );

  const approved = await rebound('unblock-requests', 'approve', request.id, '--note', 'confirmed by phone');
  assert.equal(approved.status, 0, approved.stderr);
  assert.match(approved.stdout, /^request +\d+ \(approved\)$/m);
  assert.match(approved.stdout, /^why +Approved by cli:.*: confirmed by phone$/m);
  const check = await rebound('check', 'nobody@example.org');
  assert.equal(check.status, 0, 'allowed again');

  const again = await rebound('unblock-requests', 'deny', request.id, '--note', 'no');
  assert.equal(again.status, 1);
  assert.match(again.stderr, /^rebound: Unblock request \d+ is already decided/);
});

test('the unblock commands refuse a wrong command line with a usage error', async () => {
  const cases: [string[], RegExp][] = [
    [['request-unblock', 'a@example.org'], /needs --reason TEXT/],
    [['request-unblock', '--reason', 'x'], /needs exactly one ADDRESS/],
    [['unblock-requests'], /say list, approve or deny/],
    [['unblock-requests', 'approve', '7'], /approve needs --note TEXT/],
    [['unblock-requests', 'list', '--state', 'maybe'], /unknown state 'maybe'/],
    [['unblock-requests', 'deny', '7', '--note', 'n', '--consent', 'c'], /--consent goes with approve/],
  ];
  for (const [args, message] of cases) {
    const result = await rebound(...args);
    assert.equal(result.status, 2, args.join(' '));
    assert.match(result.stderr, message);
  }
});
