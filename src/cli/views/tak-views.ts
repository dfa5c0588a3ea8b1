/**
 * `ntjp tak` answers laid out for a person: rows with names instead of ids, an order as counts per entity,
 * the audit trail and a diff as one line per change. The JSON form of the same answers is the value itself.
 */
import { cellText, renderTable, type Column } from '../format/index.js';
import { nameField } from '../../tak/index.js';
import type { CatalogueDiff } from '../../tak/diff.js';
import type { OrderChange } from '../../tak/order.js';

/** Row fields a person does not need in a list: the change time (the user is shown) and ids that have a name beside them. */
const HIDDEN_FIELDS = new Set(['updatedTime']);

const shownFields = (row: Record<string, unknown>, includeDeleted: boolean): string[] =>
  Object.keys(row).filter((f) => !HIDDEN_FIELDS.has(f) && !(f.endsWith('Id') && nameField(f) in row) && (includeDeleted || f !== 'deleted'));

/** `tak list`: one column per field, references by name, `updatedBy` as the pending change's author. */
export function rowsTable(rows: ReadonlyArray<Record<string, unknown>>, includeDeleted: boolean): string {
  if (rows.length === 0) return '(none)';
  const columns = shownFields(rows[0]!, includeDeleted).map((f): Column<Record<string, unknown>> => ({ header: f === 'updatedBy' ? 'pending (by)' : f, cell: (r) => r[f] }));
  return renderTable(rows, columns);
}

/** One row as `field=value …` with names, without its id (shown apart), ids that have a name beside them, or empty fields. */
export const rowText = (row: Record<string, unknown>): string =>
  cellText(Object.fromEntries(shownFields(row, false).filter((f) => f !== 'id' && f !== 'updatedBy' && cellText(row[f]) !== '').map((f) => [f, row[f]])));

const ORDER_ACTIONS: ReadonlyArray<OrderChange['action']> = ['create', 'extend', 'end', 'delete'];

export interface OrderAnswer {
  from: string;
  to: string;
  dryRun: boolean;
  counts: Record<string, number>;
  changes?: OrderChange[];
}

/** `tak order`: a heading, the changes counted per entity and action, and with --verbose every change. */
export function orderText(a: OrderAnswer): string {
  const kinds = [...new Set(Object.keys(a.counts).map((k) => k.split(' ')[1]!))];
  const perKind = kinds.map((kind) => ({ kind, counts: ORDER_ACTIONS.map((action) => a.counts[`${action} ${kind}`] ?? 0) }));
  const heading = `${a.dryRun ? 'Dry run (nothing written)' : 'Applied (pending until published)'}: valid ${a.from} .. ${a.to}`;
  const counts = renderTable(perKind, [{ header: 'entity', cell: (r) => r.kind }, ...ORDER_ACTIONS.map((action, i) => ({ header: action, cell: (r: (typeof perKind)[number]) => r.counts[i] }))]);
  const changes = a.changes ? ['', renderTable(a.changes, [{ header: 'action', cell: (c) => c.action }, { header: 'entity', cell: (c) => c.kind }, { header: 'what', cell: (c) => c.what }])] : [];
  return [heading, '', counts, ...changes].join('\n');
}

export interface AuditLine {
  time: string;
  user: string;
  action: string;
  kind: string;
  rowId: number | null;
  /** the changed row with names, for row changes */
  row?: Record<string, unknown>;
  /** what a publish, rollback or import says */
  summary?: string;
}

export function auditText(lines: readonly AuditLine[]): string {
  return renderTable(lines, [
    { header: 'time', cell: (l) => l.time },
    { header: 'user', cell: (l) => l.user },
    { header: 'action', cell: (l) => l.action },
    { header: 'entity', cell: (l) => l.kind },
    { header: 'id', cell: (l) => l.rowId },
    { header: 'what', cell: (l) => (l.row ? rowText(l.row) : l.summary) },
  ]);
}

/** `tak diff` and `tak pending`: one line per added, extended, ended, changed or removed row. */
export function diffText(d: CatalogueDiff): string {
  const lines: Array<{ change: string; entity: string; what: string }> = [];
  const add = (entity: string, groups: Record<string, readonly unknown[]>): void => {
    for (const [change, rows] of Object.entries(groups)) for (const r of rows) lines.push({ change, entity, what: cellText(r) });
  };
  add('routes', { ...d.routes });
  add('permissions', { ...d.permissions });
  for (const [entity, groups] of Object.entries(d.entities)) add(entity, { ...groups });
  const heading = `Changes of ${d.to === 'pending' ? 'the pending edits' : `version ${d.to}`} against ${d.from === null ? 'an empty catalogue' : `version ${d.from}`}`;
  return `${heading}\n\n${renderTable(lines, [{ header: 'change', cell: (l) => l.change }, { header: 'entity', cell: (l) => l.entity }, { header: 'what', cell: (l) => l.what }])}`;
}
