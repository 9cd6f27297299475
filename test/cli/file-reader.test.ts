import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { FileReader } from '../../src/cli/file-reader.js';

let root: string;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'rebound-reader-'));
});

after(() => rmSync(root, { recursive: true, force: true }));

test('reads small, empty and larger-than-the-buffer files whole', () => {
  const reader = new FileReader();
  const big = Buffer.alloc(3 * 1024 * 1024 + 7, 'x');
  const files: [string, Buffer][] = [
    ['small', Buffer.from('Subject: a\n')],
    ['empty', Buffer.alloc(0)],
    ['big', big],
    ['small-again', Buffer.from('Subject: b\n')],
  ];
  for (const [name, content] of files) writeFileSync(join(root, name), content);
  for (const [name, content] of files) assert.ok(reader.read(join(root, name)).equals(content), name);
  // Known regular files stop at the first short read: still whole, across the buffer's growth too.
  const fresh = new FileReader();
  for (const [name, content] of files) assert.ok(fresh.read(join(root, name), true).equals(content), name);
});

test('fails like readFileSync: ENOENT for a missing file, EISDIR for a directory', () => {
  const reader = new FileReader();
  assert.throws(() => reader.read(join(root, 'missing')), { code: 'ENOENT' });
  assert.throws(() => reader.read(root), { code: 'EISDIR' });
});
