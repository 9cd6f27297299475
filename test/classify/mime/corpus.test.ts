import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { parseMessage } from '../../../src/classify/mime/parse-message.js';

// Sisimai's set-of-emails, kept outside the repository; REBOUND_CORPUS points at a checkout of it.
const root = join(process.env.REBOUND_CORPUS ?? '/work/shared/corpus/sisimai', 'emails');

test('parseMessage reads every mail of the sisimai corpus without throwing', (t) => {
  if (!existsSync(root)) {
    t.skip(`corpus not found at ${root}: get sisimai/set-of-emails and set REBOUND_CORPUS to its directory`);
    return;
  }
  const files = readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name));
  assert.ok(files.length > 0, `no files under ${root}`);
  let withOriginal = 0;
  for (const file of files) {
    const mail = parseMessage(readFileSync(file));
    assert.equal(typeof mail.text(), 'string', file);
    assert.equal(typeof mail.deliveryStatus(), 'string', file);
    for (const leaf of mail.leaves) assert.equal(typeof leaf.text(), 'string', file);
    for (const name of mail.headers.names()) assert.equal(typeof mail.headers.get(name), 'string', file);
    if (mail.original !== undefined && mail.original.headers.names().length > 0) withOriginal++;
  }
  // Most bounces carry the original or its headers: a parser that lost them would fail here.
  assert.ok(withOriginal > files.length / 2, `${withOriginal} of ${files.length} with an original`);
});
