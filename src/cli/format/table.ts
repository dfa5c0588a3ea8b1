/** Plain-text tables for people: aligned columns, numbers to the right, one line per row. */

export interface Column<T> {
  header: string;
  cell: (row: T) => unknown;
}

const GAP = '  ';

/** One line of text for any value: lists joined with commas, objects as `key=value`, line breaks as spaces. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(cellText).join(', ');
  if (typeof value === 'object') return Object.entries(value).map(([k, v]) => `${k}=${cellText(v)}`).join(' ');
  return String(value).replace(/\s*\n\s*/g, ' ');
}

const isNumeric = (text: string): boolean => /^-?\d+(\.\d+)?$/.test(text);

export function renderTable<T>(rows: readonly T[], columns: readonly Column<T>[]): string {
  if (rows.length === 0) return '(none)';
  const cells = rows.map((r) => columns.map((c) => cellText(c.cell(r))));
  const widths = columns.map((c, i) => Math.max(c.header.length, ...cells.map((row) => row[i]!.length)));
  const rightAligned = columns.map((_c, i) => cells.every((row) => row[i] === '' || isNumeric(row[i]!)));
  const line = (texts: string[]): string =>
    texts.map((t, i) => (rightAligned[i] ? t.padStart(widths[i]!) : t.padEnd(widths[i]!))).join(GAP).trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => '-'.repeat(w))), ...cells.map(line)].join('\n');
}

/** The columns of a list of objects: every key, in the order first seen. */
export function columnsOf(rows: readonly object[]): Column<Record<string, unknown>>[] {
  const keys = new Set<string>();
  for (const r of rows) for (const k of Object.keys(r)) keys.add(k);
  return [...keys].map((k) => ({ header: k, cell: (r) => r[k] }));
}
