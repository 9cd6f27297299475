/**
 * What any Node.js `classify DIR` costs before it classifies anything: start the runtime, list the
 * directory, read every file (touching its bytes once) and write one JSON line per file, with no
 * verdicts. `bench:classify` runs it next to rebound and Sisimai, so that the figures show how much of
 * a run is this floor and how much is classification.
 */
import { closeSync, openSync, readdirSync, readSync, writeSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
if (dir === undefined) throw new Error('usage: node read-write-floor.js DIR');
/** The bench's mails are a few kB to a few hundred: 16 MiB holds any of them whole. */
const scratch = Buffer.allocUnsafe(1 << 24);
let out = '';
for (const name of readdirSync(dir).sort()) {
  const path = join(dir, name);
  const fd = openSync(path, 'r');
  let length = 0;
  for (let count = 1; count > 0; length += count)
    count = readSync(fd, scratch, length, scratch.length - length, null);
  closeSync(fd);
  // One look at every 64th byte: a reader cannot do less than bring the file into the cache lines.
  let sum = 0;
  for (let i = 0; i < length; i += 64) sum = (sum + (scratch[i] ?? 0)) | 0;
  out += JSON.stringify({ source: path, index: 1, verdicts: [], bytes: length, sum }) + '\n';
  if (out.length >= 1 << 16) {
    writeSync(1, out);
    out = '';
  }
}
writeSync(1, out);
