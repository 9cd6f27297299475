import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gzipSync } from 'node:zlib';
import { compressRaw, decompressRaw } from '../../src/store/raw-codec.js';

const mail = new TextEncoder().encode(
  'From: MAILER-DAEMON@mx.example\r\nSubject: Undelivered\r\n\r\n' +
    'The user does not exist.\r\n'.repeat(200),
);

test('a raw mail is stored as brotli, marked as such, smaller, and reads back byte for byte', () => {
  const stored = compressRaw(mail);
  assert.equal(stored[0], 0x62);
  assert.ok(stored.byteLength < mail.byteLength / 2);
  assert.deepEqual(decompressRaw(stored), mail);
  assert.deepEqual(decompressRaw(compressRaw(new Uint8Array(0))), new Uint8Array(0));
});

test('the stored value owns its whole buffer, so that a worker thread can transfer it', () => {
  const stored = compressRaw(mail);
  assert.equal(stored.byteOffset, 0);
  assert.equal(stored.buffer.byteLength, stored.byteLength);
});

test('a value gzip-compressed by an older version reads back', () => {
  assert.deepEqual(decompressRaw(gzipSync(mail, { level: 1 })), mail);
  assert.deepEqual(decompressRaw(gzipSync(mail)), mail);
});

test('a value in no known format is an error, not wrong bytes', () => {
  assert.throws(() => decompressRaw(new Uint8Array([0x1f, 0x00, 1, 2])), /unknown format \(first byte 31\)/);
  assert.throws(() => decompressRaw(new Uint8Array(0)), /unknown format \(first byte none\)/);
  assert.throws(() => decompressRaw(new Uint8Array([0x62, 1, 2, 3])));
});
