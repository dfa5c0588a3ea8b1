/**
 * Any JSON answer as text for a person, when a command has no table of its own: a list of objects becomes
 * a table, an object a `key  value` list with nested parts indented under their key.
 */
import { cellText, columnsOf, renderTable } from './table.js';

const INDENT = '  ';

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isFlat = (v: unknown): boolean => !isPlainObject(v) && !(Array.isArray(v) && v.some((x) => typeof x === 'object' && x !== null));

const indent = (text: string): string => text.split('\n').map((l) => INDENT + l).join('\n');

export function renderValue(value: unknown): string {
  if (Array.isArray(value)) return value.every(isPlainObject) ? renderTable(value, columnsOf(value)) : value.map(cellText).join('\n');
  if (!isPlainObject(value)) return cellText(value);
  const entries = Object.entries(value).filter(([, v]) => v !== undefined);
  const width = Math.max(0, ...entries.filter(([, v]) => isFlat(v)).map(([k]) => k.length));
  return entries.map(([k, v]) => (isFlat(v) ? `${k.padEnd(width)}${INDENT}${cellText(v)}`.trimEnd() : `${k}:\n${indent(renderValue(v))}`)).join('\n');
}
