import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { reasonTableMarkdown } from '../../src/classify/reason-table.js';
import { README_PATH, extractBlock } from '../support/readme.js';

test('README reason table matches the taxonomy (npm run docs:sync rewrites it)', () => {
  const block = extractBlock(readFileSync(README_PATH, 'utf8'), 'reasons');
  assert.equal(block, reasonTableMarkdown());
});

test('README quick start has the two commands', () => {
  const readme = readFileSync(README_PATH, 'utf8');
  assert.match(readme, /npm ci && npm start/);
  assert.match(readme, /npm ci && npm test/);
});
