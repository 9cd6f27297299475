/** Plain aligned columns for people to read: a header row, then the rows, columns two spaces apart. */
export function renderTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((title, column) =>
    rows.reduce((width, row) => Math.max(width, (row[column] ?? '').length), title.length),
  );
  const line = (cells: readonly string[]): string =>
    // The last column is not padded: trailing blanks would only get in the way of copy and grep.
    cells
      .map((cell, column) => (column === cells.length - 1 ? cell : cell.padEnd(widths[column] ?? 0)))
      .join('  ');
  return [header, ...rows].map(line).join('\n') + '\n';
}
