/**
 * The relay with a certificate: STARTTLS offered, AUTH refused until the session is encrypted, then a
 * normal send over TLS. The certificate is self-signed, made for this test by openssl (skipped visibly
 * without it); the client trusts exactly that certificate.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { test } from 'node:test';
import nodemailer from 'nodemailer';
import { makeCertificate, OPENSSL_MISSING } from '../../support/test-certificate.js';
import { talk } from '../inbound/smtp-talk.js';
import { startFakeUpstream } from './fake-upstream.js';
import { relayOn, waitFor, world } from './relay-harness.js';

function selfSigned(): { cert: Buffer; key: Buffer } | undefined {
  const dir = mkdtempSync(join(tmpdir(), 'rebound-tls-'));
  try {
    const files = makeCertificate(dir);
    return files === undefined
      ? undefined
      : { cert: readFileSync(files.certPath), key: readFileSync(files.keyPath) };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('STARTTLS: offered, AUTH only after it, a send over TLS verified against the certificate', async (t) => {
  const tls = selfSigned();
  if (tls === undefined) return t.skip(OPENSSL_MISSING);
  const w = await world(t);
  const upstream = await startFakeUpstream();
  w.defer(() => upstream.close());
  const relay = await relayOn(w, upstream.url, { tls });

  const smtp = await talk(relay.port);
  t.after(() => smtp.destroy());
  assert.match(await smtp.command('EHLO crm.example'), /^250[- ]STARTTLS/m);
  const plainAuth = Buffer.from(`\0crm\0${w.key}`).toString('base64');
  assert.match(await smtp.command(`AUTH PLAIN ${plainAuth}`), /^538 /, 'no key in clear');
  await smtp.quit();

  const transport = nodemailer.createTransport({
    host: '127.0.0.1',
    port: relay.port,
    secure: false,
    requireTLS: true,
    tls: { ca: [tls.cert], servername: 'localhost' },
    auth: { user: 'crm', pass: w.key },
  });
  t.after(() => transport.close());
  const info = (await transport.sendMail({
    from: 'news@crm.example',
    to: ['ann@example.org'],
    subject: 'Over TLS',
    text: 'Hi',
  })) as { response: string };
  assert.match(info.response, /^250 /);
  await waitFor('the delivery', () => upstream.received.length === 1);

  // A client that does not trust this certificate gets no session (and sends no key).
  const untrusting = nodemailer.createTransport({
    host: '127.0.0.1',
    port: relay.port,
    requireTLS: true,
    tls: { servername: 'localhost' },
    auth: { user: 'crm', pass: w.key },
  });
  t.after(() => untrusting.close());
  await assert.rejects(
    untrusting.sendMail({ from: 'news@crm.example', to: ['bob@example.org'], text: 'x' }),
    /certificate/i,
  );
});
