/** Fixed-width text tables for the terminal. */

export interface Column {
  header: string;
  /** Longer cells are cut with `…` (default 48). */
  max?: number;
  align?: 'left' | 'right';
}

/** Length in characters as displayed (code points; the data are NFC text). */
export function displayLength(text: string): number {
  return [...text].length;
}

function fit(text: string, max: number): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const chars = [...flat];
  return chars.length <= max ? flat : `${chars.slice(0, Math.max(1, max - 1)).join('')}…`;
}

function pad(text: string, width: number, align: 'left' | 'right'): string {
  const gap = ' '.repeat(Math.max(0, width - displayLength(text)));
  return align === 'right' ? gap + text : text + gap;
}

/** A table: header, a rule, one line per row; two spaces between columns, `indent` before each line. */
export function renderTable(columns: Column[], rows: string[][], indent = '  '): string {
  const cells = rows.map((row) => columns.map((c, i) => fit(row[i] ?? '', c.max ?? 48)));
  const widths = columns.map((c, i) => Math.max(displayLength(c.header), ...cells.map((row) => displayLength(row[i]))));
  const line = (row: string[]) =>
    indent +
    row
      .map((cell, i) => pad(cell, widths[i], columns[i].align ?? 'left'))
      .join('  ')
      .trimEnd();
  return [line(columns.map((c) => c.header)), indent + widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n';
}

/** A titled section: the title with its count, then the table, or `(none)`. */
export function renderSection(title: string, columns: Column[], rows: string[][]): string {
  return `${title} (${rows.length})\n${rows.length === 0 ? '  (none)\n' : renderTable(columns, rows)}`;
}
