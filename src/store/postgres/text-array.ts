/**
 * A text[] parameter for a long list of strings. The driver quotes an array element by element with
 * regular expressions (~50-100 ms for 100,000 addresses); JSON.stringify takes ~10 ms, and when its
 * output holds no backslash (no string needed escaping) `["a","b"]` with braces for brackets is the
 * same PostgreSQL array literal: every element double-quoted, nothing else to unescape.
 */
export function textArray(values: readonly string[]): string | readonly string[] {
  const json = JSON.stringify(values);
  return json.includes('\\') ? values : `{${json.slice(1, -1)}}`;
}
