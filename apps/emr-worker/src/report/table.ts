/** Renders rows as a plain aligned text table; the first row is the header. */
export function renderTable(rows: ReadonlyArray<ReadonlyArray<string | number>>): string {
  const cells = rows.map((row) =>
    row.map((cell) => (typeof cell === 'number' ? formatNumber(cell) : cell)),
  );
  const widths =
    cells[0]?.map((_, column) => Math.max(...cells.map((row) => row[column]?.length ?? 0))) ?? [];
  const line = (row: string[]) =>
    row
      .map((cell, column) =>
        column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
      )
      .join('  ');
  const [header, ...body] = cells;
  if (header === undefined) return '';
  return [
    line(header),
    widths.map((width) => '─'.repeat(width)).join('  '),
    ...body.map(line),
  ].join('\n');
}

export function formatNumber(value: number): string {
  return Number.isInteger(value) ? value.toLocaleString('en-US') : value.toFixed(1);
}
