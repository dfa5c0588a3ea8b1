import { html, type SafeHtml } from '../html.js';
import { tableQuery, tableView, type Column } from '../table/table-view.js';
import { pageRows } from '../../shared/row-page.js';

type Changes = Partial<Record<'added' | 'extended' | 'ended' | 'changed' | 'removed', unknown[]>>;

/**
 * The catalogue's diff (`/api/tak/pending`, `/versions/{id}/diff`): routes and permissions as the hub sees
 * them, and the other entities' rows by their REST name (components, contracts, logical-addresses, …).
 */
export interface CatalogueDiff {
  from: number | null;
  to: number | 'pending';
  routes: Changes;
  permissions: Changes;
  entities?: Record<string, Changes>;
  /** when the lists were cut (`?limit`): their full lengths, by section and change */
  counts?: Record<string, Partial<Record<string, number>>>;
}

/**
 * Rows of each list a diff page asks for (`?limit`): the table pages, sorts and filters these; the summary
 * counts every row. A version of 200,000 rows would otherwise be parsed, described and sorted whole for each
 * page, holding every routed call for seconds.
 */
export const DIFF_ROWS_PER_LIST = 1000;

/** One changed row as the diff table shows it. */
export interface DiffRow {
  change: string;
  list: string;
  id: unknown;
  what: string;
  from: string;
  to: string;
}

const GROUPS = ['added', 'extended', 'ended', 'changed', 'removed'] as const;
const LABELS: Record<string, string> = {
  routes: 'Routes (vägval)',
  permissions: 'Permissions (anropsbehörigheter)',
  components: 'Service components',
  contracts: 'Service contracts',
  'logical-addresses': 'Logical addresses',
  'riv-profiles': 'RIV-TA profiles',
  'call-addresses': 'Call addresses',
  'hsa-units': 'HSA units',
  'format-mappings': 'Format mappings (SHS, SSEK)',
};

/** Names for the ids a changed row holds (a call address's component and profile), by field. */
export type IdNames = Record<string, Map<number, string>>;

type Row = Record<string, unknown>;

/** What a row is, in words: the fields that name it, references by name, without ids and dates. */
const WHAT: Record<string, (r: Row) => string> = {
  routes: (r) => `${String(r.logicalAddress)} · ${String(r.namespace)} → ${String(r.url)} (${String(r.component)}, ${String(r.profile)})`,
  permissions: (r) => `${String(r.consumer)} → ${String(r.logicalAddress)} · ${String(r.namespace)}`,
};

function describe(list: string, row: Row, names: IdNames): string {
  if (WHAT[list]) return WHAT[list](row);
  return Object.entries(row)
    .filter(([k]) => k !== 'id')
    .map(([k, v]) => {
      const name = typeof v === 'number' ? names[k]?.get(v) : undefined;
      return name === undefined ? `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}` : `${k.replace(/Id$/, '')}: ${name}`;
    })
    .join(', ');
}

/** Every (entity, changes) pair of a diff: routes and permissions first. */
function sections(diff: CatalogueDiff): Array<[key: string, changes: Changes]> {
  return [['routes', diff.routes], ['permissions', diff.permissions], ...Object.entries(diff.entities ?? {})];
}

/** How many rows of a section changed so (all of them, also where the list was cut). */
const countOf = (diff: CatalogueDiff, key: string, changes: Changes, g: (typeof GROUPS)[number]): number => diff.counts?.[key]?.[g] ?? changes[g]?.length ?? 0;

export function changeCount(diff: CatalogueDiff): number {
  return sections(diff).reduce((n, [key, c]) => n + GROUPS.reduce((m, g) => m + countOf(diff, key, c, g), 0), 0);
}

/** Whether the diff has rows of an entity whose ids `IdNames` should name. */
export function hasEntity(diff: CatalogueDiff, path: string): boolean {
  return Object.values(diff.entities?.[path] ?? {}).some((rows) => (rows?.length ?? 0) > 0);
}

export function diffRows(diff: CatalogueDiff, names: IdNames = {}): DiffRow[] {
  return sections(diff).flatMap(([key, changes]) =>
    GROUPS.flatMap((g) =>
      ((changes[g] ?? []) as Row[]).map((r) => ({
        change: g,
        list: LABELS[key] ?? key,
        id: r.id,
        what: describe(key, r, names),
        from: typeof r.from === 'string' ? r.from : '',
        to: typeof r.to === 'string' ? r.to : '',
      })),
    ),
  );
}

const COLUMNS: ReadonlyArray<Column<DiffRow>> = [{ key: 'change' }, { key: 'list' }, { key: 'id' }, { key: 'what', label: 'row' }, { key: 'from' }, { key: 'to' }];

/**
 * The counts per list and change, then one table of every changed row, marked by its change (added, extended,
 * ended, changed, removed), paged, sorted and filtered like the other tables.
 */
export function diffView(diff: CatalogueDiff, page: { path: string; query: Row; names?: IdNames }): SafeHtml {
  const rows = diffRows(diff, page.names);
  if (rows.length === 0) return html`<div id="diff"><p class="empty">Nothing changes.</p></div>`;
  const counts = sections(diff).flatMap(([key, changes]) => GROUPS.map((g) => ({ key, g, n: countOf(diff, key, changes, g), shown: changes[g]?.length ?? 0 })).filter((c) => c.n > 0));
  const cut = counts.some((c) => c.n > c.shown);
  const query = tableQuery(page.query, COLUMNS);
  return html`<div id="diff"><ul class="diff-summary">${counts.map(
    (c) => html`<li class="diff-${c.key}-${c.g} change-${c.g}">${LABELS[c.key] ?? c.key} ${c.g}: ${c.n}</li>`,
  )}</ul>${cut ? html`<p class="hint" id="diff-cut">The table holds the first ${Math.max(...counts.map((c) => c.shown))} rows of each list; the whole diff is in the REST API.</p>` : ''}${tableView({ id: 'diff-rows', path: page.path, columns: COLUMNS, query, page: pageRows(rows, COLUMNS.map((c) => c.key), query), rowClass: (r) => `change-${r.change}` })}</div>`;
}
