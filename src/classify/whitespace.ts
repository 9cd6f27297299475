/** Any whitespace but a plain space, or two whitespace characters in a row. */
const NOT_COLLAPSED = /[^\S ]|\s\s/;

/**
 * text.replace(/\s+/g, ' '), without building a new string when there is nothing to collapse: most
 * replies are one line with single spaces, and this runs on every reply text.
 */
export function collapseWhitespace(text: string): string {
  return NOT_COLLAPSED.test(text) ? text.replace(/\s+/g, ' ') : text;
}
