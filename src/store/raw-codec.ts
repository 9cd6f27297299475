import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * Raw mails are kept gzip-compressed: bounces are text and shrink 3-10x. Level 1 keeps most of the
 * saving at a fraction of level 6's CPU, which was a tenth of an import's time.
 */
export function compressRaw(raw: Uint8Array): Buffer {
  return gzipSync(raw, { level: 1 });
}

export function decompressRaw(stored: Uint8Array): Uint8Array {
  return new Uint8Array(gunzipSync(stored));
}
