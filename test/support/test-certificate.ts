/**
 * A self-signed certificate for localhost / 127.0.0.1, made by openssl for one test, valid one day.
 * Undefined when openssl cannot run: the caller skips with OPENSSL_MISSING.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

export const OPENSSL_MISSING =
  'openssl is not available to make a test certificate: install it to run this test';

export interface CertificateFiles {
  certPath: string;
  keyPath: string;
}

export function makeCertificate(dir: string): CertificateFiles | undefined {
  const certPath = join(dir, 'cert.pem');
  const keyPath = join(dir, 'key.pem');
  const made = spawnSync('openssl', [
    'req',
    '-x509',
    '-newkey',
    'ec',
    '-pkeyopt',
    'ec_paramgen_curve:prime256v1',
    '-nodes',
    '-keyout',
    keyPath,
    '-out',
    certPath,
    '-days',
    '1',
    '-subj',
    '/CN=localhost',
    '-addext',
    'subjectAltName=DNS:localhost,IP:127.0.0.1',
  ]);
  return made.error === undefined && made.status === 0 ? { certPath, keyPath } : undefined;
}
