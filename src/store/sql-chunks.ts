/** Multi-row statements on either database: rows in chunks, and each chunk's VALUES list. */
import type { SqlParams } from './sql-db.js';

/**
 * Rows for multi-row statements, split into chunks whose sizes are powers of two: each chunk binds few
 * enough parameters for both databases, and since each row count is its own statement text (prepared and
 * cached per connection), the texts of one statement stay few: at most log2(max) + 1.
 */
export function sqlChunks<T>(items: readonly T[], max = 128): T[][] {
  const out: T[][] = [];
  for (let start = 0; start < items.length;) {
    let size = max;
    while (size > items.length - start) size >>= 1;
    out.push(items.slice(start, start + size));
    start += size;
  }
  return out;
}

/**
 * The VALUES list of a multi-row statement, `(@shared..., @r0_0, @r0_1, ...), (...)`: the `shared`
 * parameters (bound once by the caller, an account say) first in every row, then the row's own values,
 * each added to `params` as `r{row}_{column}`.
 */
export function valueRows<T>(
  rows: readonly T[],
  values: (row: T) => readonly (string | number | null)[],
  params: SqlParams,
  shared: readonly string[] = [],
): string {
  const first = shared.map((name) => `@${name}`);
  return rows
    .map((row, i) => {
      const own = values(row).map((value, j) => {
        params[`r${i}_${j}`] = value;
        return `@r${i}_${j}`;
      });
      return `(${[...first, ...own].join(', ')})`;
    })
    .join(', ');
}

/**
 * `(a = @w0_0 AND b = @w0_1) OR (...)`: a condition matching the rows whose `columns` equal any of these
 * tuples, each value added to `params` as `w{row}_{column}`. For a chunk from sqlChunks, never empty.
 */
export function matchAny<T>(
  rows: readonly T[],
  columns: readonly string[],
  values: (row: T) => readonly (string | number | null)[],
  params: SqlParams,
): string {
  return rows
    .map((row, i) => {
      const equals = values(row).map((value, j) => {
        params[`w${i}_${j}`] = value;
        return `${columns[j]} = @w${i}_${j}`;
      });
      return `(${equals.join(' AND ')})`;
    })
    .join(' OR ');
}
