import assert from 'node:assert/strict';
import test from 'node:test';
import { matchAny, sqlChunks, valueRows } from '../../src/store/sql-chunks.js';

test('rows are split into power-of-two chunks of at most the maximum, in order, none lost', () => {
  const sizes = new Set<number>();
  for (let n = 0; n <= 600; n++) {
    const items = Array.from({ length: n }, (_, i) => i);
    const chunks = sqlChunks(items);
    assert.deepEqual(chunks.flat(), items);
    for (const chunk of chunks) {
      assert.ok(chunk.length > 0 && chunk.length <= 128, `chunk of ${chunk.length}`);
      assert.equal(chunk.length & (chunk.length - 1), 0, `${chunk.length} is a power of two`);
      sizes.add(chunk.length);
    }
  }
  // Every statement shape is prepared at most once per row count: 1, 2, 4, ..., 128.
  assert.deepEqual(
    [...sizes].sort((a, b) => a - b),
    [1, 2, 4, 8, 16, 32, 64, 128],
  );
  assert.deepEqual(sqlChunks([1, 2, 3], 2), [[1, 2], [3]]);
});

test('a VALUES list binds each row value as its own parameter, after the shared ones', () => {
  const params: Record<string, string | number | null> = { accountId: 'a1' };
  const sql = valueRows(
    [
      { key: 'k1', n: 1 },
      { key: 'k2', n: null },
    ],
    (row) => [row.key, row.n],
    params,
    ['accountId'],
  );
  assert.equal(sql, '(@accountId, @r0_0, @r0_1), (@accountId, @r1_0, @r1_1)');
  assert.deepEqual(params, { accountId: 'a1', r0_0: 'k1', r0_1: 1, r1_0: 'k2', r1_1: null });
  assert.equal(
    valueRows([], () => [], params),
    '',
  );
});

test('a condition on tuples binds each value as its own parameter, one parenthesis a row', () => {
  const params: Record<string, string | number | null> = { accountId: 'a1' };
  const sql = matchAny(
    [
      { kind: 'domain', key: 'x.example' },
      { kind: 'campaign', key: 'c1' },
    ],
    ['scope_kind', 'scope_key'],
    (row) => [row.kind, row.key],
    params,
  );
  assert.equal(
    sql,
    '(scope_kind = @w0_0 AND scope_key = @w0_1) OR (scope_kind = @w1_0 AND scope_key = @w1_1)',
  );
  assert.deepEqual(params, {
    accountId: 'a1',
    w0_0: 'domain',
    w0_1: 'x.example',
    w1_0: 'campaign',
    w1_1: 'c1',
  });
});
