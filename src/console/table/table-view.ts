import { html, SafeHtml } from '../html.js';
import { filterParam, parseRowQuery, rowQueryParams, type RowPage, type RowQuery } from '../../shared/row-page.js';

/** A column of a console table: `key` is what it sorts and filters on (the row's field unless `cell` says otherwise). */
export interface Column<T> {
  key: string;
  label?: string;
  /** what the cell shows; default the row's field as text */
  cell?: (row: T) => unknown;
  /** false for a column that cannot be sorted or filtered (e.g. one made only for display) */
  query?: boolean;
}

export interface TableSpec<T> {
  /** the table's element id; its query form is `<id>-query` */
  id: string;
  /** the page's path: sort, filter and page links go there */
  path: string;
  columns: ReadonlyArray<Column<T>>;
  page: RowPage<T>;
  query: RowQuery;
  /** the page's other parameters, kept in every link (e.g. the month shown) */
  keep?: ReadonlyArray<[string, string]>;
  rowClass?: (row: T) => string;
  /** a last column without a heading, e.g. a row's forms */
  actions?: (row: T) => SafeHtml;
  empty?: string;
}

/** Text longer than this is shortened in the middle; the whole value is in the cell's title (shown on hover). */
const MAX_CELL_CHARS = 160;

function plain(v: unknown): string {
  return v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);
}

/** A cell's content: HTML as it is, text shortened when long, with the full text on hover. */
function cell(value: unknown): SafeHtml {
  if (value instanceof SafeHtml) return html`<td>${value}</td>`;
  const text = plain(value);
  if (text.length <= MAX_CELL_CHARS) return html`<td>${text}</td>`;
  const half = Math.floor((MAX_CELL_CHARS - 1) / 2);
  return html`<td title="${text}">${text.slice(0, half)}…${text.slice(-half)}</td>`;
}

function href(spec: TableSpec<unknown>, query: RowQuery): string {
  const params = new URLSearchParams([...(spec.keep ?? []), ...rowQueryParams(query)]).toString();
  return params ? `${spec.path}?${params}` : spec.path;
}

function heading<T>(spec: TableSpec<T>, c: Column<T>): SafeHtml {
  const label = c.label ?? c.key;
  if (c.query === false) return html`<th scope="col">${label}</th>`;
  const q = spec.query;
  const current = q.sort === c.key;
  const next = { ...q, offset: 0, sort: c.key, descending: current && !q.descending };
  const mark = current ? (q.descending ? ' ▼' : ' ▲') : '';
  return html`<th scope="col"${current ? html` aria-sort="${q.descending ? 'descending' : 'ascending'}"` : ''}><a class="sort" href="${href(spec as TableSpec<unknown>, next)}">${label}${mark}</a></th>`;
}

function pager<T>(spec: TableSpec<T>): SafeHtml {
  const { total, offset, limit, rows } = spec.page;
  const pages = Math.max(1, Math.ceil(total / limit));
  const at = Math.floor(offset / limit) + 1;
  const link = (label: string, to: number, enabled: boolean): SafeHtml =>
    enabled ? html`<a href="${href(spec as TableSpec<unknown>, { ...spec.query, offset: to })}" rel="nofollow">${label}</a>` : html`<span class="off">${label}</span>`;
  const shown = rows.length === 0 ? 'no rows' : `rows ${offset + 1}–${offset + rows.length} of ${total}`;
  return html`<nav class="pager" aria-label="Pages of ${spec.id}"><span class="count">${shown}</span>${link('« First', 0, offset > 0)}${link('‹ Previous', Math.max(0, offset - limit), offset > 0)}<span>page ${at} of ${pages}</span>${link(
    'Next ›',
    offset + limit,
    offset + limit < total,
  )}${link('Last »', (pages - 1) * limit, at < pages)}</nav>`;
}

/**
 * A table of one page of rows: headings link to sort (again to reverse), a row of filter inputs under them
 * (case-insensitive substring, sent with the form above the table), and a pager. Everything is in the URL,
 * so a page can be bookmarked and works without the script.
 */
export function tableView<T>(spec: TableSpec<T>): SafeHtml {
  const q = spec.query;
  const form = `${spec.id}-query`;
  const kept = [...(spec.keep ?? []), ...(q.sort ? [['sort', q.sort]] : []), ...(q.descending ? [['desc', '1']] : []), ...(q.search ? [['q', q.search]] : [])];
  const width = spec.columns.length + (spec.actions ? 1 : 0);
  const filtered = Object.keys(q.filters).length > 0 || q.search !== '';
  const body =
    spec.page.rows.length === 0
      ? html`<tr><td colspan="${width}" class="empty">${spec.empty ?? (filtered ? 'No rows match.' : 'none')}</td></tr>`
      : spec.page.rows.map(
          (r) =>
            html`<tr${spec.rowClass ? html` class="${spec.rowClass(r)}"` : ''}>${spec.columns.map((c) => cell(c.cell ? c.cell(r) : (r as Record<string, unknown>)[c.key]))}${
              spec.actions ? html`<td class="actions">${spec.actions(r)}</td>` : ''
            }</tr>`,
        );
  return html`<form method="get" action="${spec.path}" id="${form}" class="table-query">${kept.map(([k, v]) => html`<input type="hidden" name="${k}" value="${v}">`)}<button type="submit">Filter</button>${
    filtered ? html` <a href="${href(spec as TableSpec<unknown>, { ...q, offset: 0, filters: {}, search: '' })}">Clear filters</a>` : ''
  }</form>
<div class="table-wrap"><table class="data paged" id="${spec.id}"><thead><tr>${spec.columns.map((c) => heading(spec, c))}${spec.actions ? html`<th></th>` : ''}</tr>
<tr class="filter-row">${spec.columns.map((c) =>
    c.query === false
      ? html`<td></td>`
      : html`<td><input form="${form}" name="${filterParam(c.key)}" value="${q.filters[c.key] ?? ''}" aria-label="filter ${c.label ?? c.key}" placeholder="filter"></td>`,
  )}${spec.actions ? html`<td></td>` : ''}</tr></thead>
<tbody>${body}</tbody></table></div>${pager(spec)}`;
}

/** The table query of a request: only the columns that can be sorted and filtered count. */
export function tableQuery<T>(query: Record<string, unknown>, columns: ReadonlyArray<Column<T>>): RowQuery {
  return parseRowQuery(query, columns.filter((c) => c.query !== false).map((c) => c.key));
}
