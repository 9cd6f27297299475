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
