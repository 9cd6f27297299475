import { gunzipSync, gzipSync } from 'node:zlib';

/** Raw mails are kept gzip-compressed: bounces are text and shrink 3-10x. */
export function compressRaw(raw: Uint8Array): Buffer {
  return gzipSync(raw, { level: 6 });
}

export function decompressRaw(stored: Uint8Array): Uint8Array {
  return new Uint8Array(gunzipSync(stored));
}
