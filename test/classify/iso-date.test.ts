import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isoString } from '../../src/classify/iso-date.js';

const builtin = (ms: number): string => new Date(ms).toISOString();

test('isoString writes what Date#toISOString writes, at the edges of days, months, years and the range', () => {
  const edges = [
    0, -1, 1, 86_399_999, 86_400_000, -86_400_000, 951_782_400_000, 951_868_799_999, 4_107_542_400_000,
    -62_167_219_200_000, -62_167_219_200_001, 253_402_300_799_999, 253_402_300_800_000, -8.64e15, 8.64e15,
  ];
  for (const ms of edges) assert.equal(isoString(ms), builtin(ms), String(ms));
});

test('isoString writes what Date#toISOString writes, for random times of years 0-9999', () => {
  // A fixed linear congruential sequence: the same cases every run.
  let seed = 12345;
  for (let i = 0; i < 200_000; i++) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const ms = Math.floor(-62_167_219_200_000 + (seed / 2 ** 32) * 315_569_520_000_000) + (seed % 1000);
    assert.equal(isoString(ms), builtin(ms), String(ms));
  }
});

test('isoString leaves invalid times to the builtin (which throws)', () => {
  assert.throws(() => isoString(Number.NaN), RangeError);
});
