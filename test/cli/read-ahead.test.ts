import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { mailSources } from '../../src/cli/mail-sources.js';
import { MIN_FILES, ReadAhead } from '../../src/cli/read-ahead.js';

let root: string;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'rebound-read-ahead-'));
});

after(() => rmSync(root, { recursive: true, force: true }));

/** Files of every kind ReadAhead treats apart, more of them than it has slots. */
function makeFiles(dir: string, count: number): { path: string; content: Buffer | undefined }[] {
  mkdirSync(dir);
  const files = [];
  for (let i = 0; i < count; i++) {
    const path = join(dir, `m${String(i).padStart(4, '0')}`);
    let content: Buffer | undefined;
    if (i % 50 === 7)
      content = undefined; // missing
    else if (i % 50 === 8) content = Buffer.alloc(0);
    else if (i % 50 === 9)
      content = Buffer.alloc(300 * 1024 + i, 'b'); // larger than a slot
    else content = Buffer.from(`Subject: ${i}\n\n${'x'.repeat(i)}\n`);
    if (content !== undefined) writeFileSync(path, content);
    files.push({ path, content });
  }
  return files;
}

test('gives every file whole and in order, and throws as a plain read for one it cannot read', async () => {
  const files = makeFiles(join(root, 'list'), 300);
  const ahead = new ReadAhead(files.map((file) => file.path));
  // Let the worker start and run ahead, so that both the worker's reads and the main thread's count.
  await sleep(200);
  try {
    files.forEach(({ path, content }, i) => {
      if (content === undefined) assert.throws(() => ahead.read(i), { code: 'ENOENT' }, path);
      else assert.ok(ahead.read(i).equals(content), path);
    });
  } finally {
    ahead.stop();
  }
});

test('a large directory read ahead yields what a plain walk yields, errors in the same places', () => {
  const dir = join(root, 'walk');
  makeFiles(dir, MIN_FILES * 3);
  mkdirSync(join(dir, 'sub'));
  writeFileSync(join(dir, 'sub/mbox'), 'From x\nSubject: m1\n\nFrom y\nSubject: m2\n');
  const collect = (readAhead: boolean) => {
    const seen: string[] = [];
    for (const { source, index, bytes } of mailSources(
      [dir],
      (path, reason) => seen.push(`${path}: ${reason}`),
      {
        readAhead,
      },
    ))
      seen.push(`${source} ${index} ${bytes.toString('latin1')}`);
    return seen;
  };
  const plain = collect(false);
  assert.ok(plain.length > MIN_FILES, 'enough files for the reading thread');
  assert.deepEqual(collect(true), plain);
});
