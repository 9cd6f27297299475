import assert from 'node:assert/strict';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { mailSources, reasonOf } from '../../src/cli/mail-sources.js';

let root: string;

before(() => {
  root = mkdtempSync(join(tmpdir(), 'rebound-sources-'));
  mkdirSync(join(root, 'dir/sub'), { recursive: true });
  mkdirSync(join(root, 'dir/.hidden'));
  writeFileSync(join(root, 'dir/b.eml'), 'Subject: b\n');
  writeFileSync(join(root, 'dir/a.eml'), 'Subject: a\n');
  writeFileSync(join(root, 'dir/B.eml'), 'Subject: B\n');
  writeFileSync(join(root, 'dir/.dotfile'), 'Subject: dot\n');
  writeFileSync(join(root, 'dir/.hidden/c.eml'), 'Subject: hidden\n');
  writeFileSync(join(root, 'dir/sub/mbox'), 'From x\nSubject: m1\n\nFrom y\nSubject: m2\n');
  writeFileSync(join(root, 'dir/sub/empty'), '');
  symlinkSync(join(root, 'dir'), join(root, 'dir/sub/loop'));
  writeFileSync(join(root, 'single.eml'), 'Subject: single\n');
});

after(() => rmSync(root, { recursive: true, force: true }));

function collect(paths: string[]) {
  const errors: string[] = [];
  const items = [];
  // Decoded while iterating: the bytes of an item are overwritten by the next file read.
  for (const { source, index, bytes } of mailSources(paths, (source, reason) =>
    errors.push(`${source}: ${reason}`),
  )) {
    items.push({ source, index, text: bytes.toString() });
  }
  return { items, errors };
}

test('a directory is walked recursively in sorted order, dotfiles and directory links skipped', () => {
  const dir = join(root, 'dir');
  const { items, errors } = collect([dir]);
  assert.deepEqual(errors, []);
  assert.deepEqual(items, [
    { source: join(dir, 'B.eml'), index: 1, text: 'Subject: B\n' },
    { source: join(dir, 'a.eml'), index: 1, text: 'Subject: a\n' },
    { source: join(dir, 'b.eml'), index: 1, text: 'Subject: b\n' },
    { source: join(dir, 'sub/mbox'), index: 1, text: 'Subject: m1\n' },
    { source: join(dir, 'sub/mbox'), index: 2, text: 'Subject: m2\n' },
  ]);
});

test('a file keeps the path as given', () => {
  const path = join(root, 'single.eml');
  assert.deepEqual(collect([path]).items, [{ source: path, index: 1, text: 'Subject: single\n' }]);
});

test('a missing path is reported and the others are still read', () => {
  const missing = join(root, 'missing.eml');
  const { items, errors } = collect([missing, join(root, 'single.eml')]);
  assert.deepEqual(errors, [`${missing}: no such file or directory`]);
  assert.equal(items.length, 1);
});

test(
  'an unreadable file inside a directory is reported, the walk goes on',
  { skip: process.getuid?.() === 0 },
  () => {
    const dir = join(root, 'locked');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.eml'), 'Subject: a\n');
    writeFileSync(join(dir, 'b.eml'), 'Subject: b\n');
    chmodSync(join(dir, 'a.eml'), 0o000);
    const { items, errors } = collect([dir]);
    assert.deepEqual(errors, [`${join(dir, 'a.eml')}: permission denied`]);
    assert.deepEqual(
      items.map((item) => item.text),
      ['Subject: b\n'],
    );
  },
);

test('reasonOf keeps the reason and drops the code and the path', () => {
  const error = Object.assign(new Error("ENOENT: no such file or directory, open '/x/y'"), {
    code: 'ENOENT',
  });
  assert.equal(reasonOf(error), 'no such file or directory');
  assert.equal(reasonOf('odd'), 'odd');
});
