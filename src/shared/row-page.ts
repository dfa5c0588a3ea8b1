/**
 * One page of a list of rows: per-column filters and a search on any column (case-insensitive substring), a
 * sort column and direction, offset and limit. The REST API and the console read the same query parameters,
 * so a console page passes its own query on unchanged: `offset`, `limit`, `sort`, `desc=1`, `q`, and
 * `f.<column>` for each filter.
 */
export interface RowQuery {
  offset: number;
  limit: number;
  /** a column name; none = the rows' own order */
  sort?: string;
  descending: boolean;
  /** column → the text it must contain */
  filters: Record<string, string>;
  /** text any column must contain ('' = no search) */
  search: string;
}

export interface RowPage<T> {
  /** rows that pass the filters */
  total: number;
  offset: number;
  limit: number;
  rows: T[];
}

export const DEFAULT_PAGE_ROWS = 50;
export const MAX_PAGE_ROWS = 1000;
const FILTER_PREFIX = 'f.';

type Params = Record<string, unknown>;

function text(params: Params, name: string): string {
  const v = params[name];
  return typeof v === 'string' ? v.trim() : '';
}

function whole(params: Params, name: string, fallback: number, max: number): number {
  const t = text(params, name);
  const n = Number(t);
  return t !== '' && Number.isInteger(n) && n >= 0 ? Math.min(n, max) : fallback;
}

/** The query in `params` (a request's query object); unknown columns are ignored. */
export function parseRowQuery(params: Params, columns: readonly string[], defaults: { limit?: number } = {}): RowQuery {
  const sort = text(params, 'sort');
  const filters: Record<string, string> = {};
  for (const c of columns) {
    const want = text(params, FILTER_PREFIX + c);
    if (want) filters[c] = want;
  }
  return {
    offset: whole(params, 'offset', 0, Number.MAX_SAFE_INTEGER),
    limit: Math.max(1, whole(params, 'limit', defaults.limit ?? DEFAULT_PAGE_ROWS, MAX_PAGE_ROWS)),
    sort: columns.includes(sort) ? sort : undefined,
    descending: text(params, 'desc') === '1',
    filters,
    search: text(params, 'q'),
  };
}

/** The query as URL parameters (only what differs from the defaults). */
export function rowQueryParams(q: RowQuery): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (q.offset > 0) out.push(['offset', String(q.offset)]);
  if (q.limit !== DEFAULT_PAGE_ROWS) out.push(['limit', String(q.limit)]);
  if (q.sort) out.push(['sort', q.sort]);
  if (q.descending) out.push(['desc', '1']);
  if (q.search) out.push(['q', q.search]);
  for (const [c, v] of Object.entries(q.filters)) out.push([FILTER_PREFIX + c, v]);
  return out;
}

export function filterParam(column: string): string {
  return FILTER_PREFIX + column;
}

/** Numbers before text, numbers by value, text by code point (fast and the same on every machine). */
function compare(a: unknown, b: unknown): number {
  const na = typeof a === 'number';
  const nb = typeof b === 'number';
  if (na && nb) return a - b;
  if (na !== nb) return na ? -1 : 1;
  const sa = a === undefined || a === null ? '' : String(a);
  const sb = b === undefined || b === null ? '' : String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** the key of the search text in the text cache (no column is named so: names have no newline) */
const ANY_COLUMN = '\n';
const cellText = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v)).toLowerCase();

/**
 * Rows that are paged many times (a catalogue of 100,000 routes): each column's sort order and lower-case
 * text is worked out once, on first use, so a page costs one pass over the rows at most.
 */
export class RowSet<T extends object> {
  private readonly orders = new Map<string, Uint32Array>();
  private readonly texts = new Map<string, string[]>();

  constructor(
    readonly rows: readonly T[],
    readonly columns: readonly string[],
  ) {}

  private value(i: number, column: string): unknown {
    return (this.rows[i] as Record<string, unknown>)[column];
  }

  private order(column: string): Uint32Array {
    let order = this.orders.get(column);
    if (!order) {
      order = Uint32Array.from(this.rows.keys()).sort((a, b) => compare(this.value(a, column), this.value(b, column)) || a - b);
      this.orders.set(column, order);
    }
    return order;
  }

  private text(column: string): string[] {
    let texts = this.texts.get(column);
    if (!texts) {
      texts = this.rows.map((r) => cellText((r as Record<string, unknown>)[column]));
      this.texts.set(column, texts);
    }
    return texts;
  }

  /** every column's text of a row on one line each, for a search on any column */
  private anyText(): string[] {
    let texts = this.texts.get(ANY_COLUMN);
    if (!texts) {
      const columns = this.columns.map((c) => this.text(c));
      texts = this.rows.map((_r, i) => columns.map((t) => t[i]).join('\n'));
      this.texts.set(ANY_COLUMN, texts);
    }
    return texts;
  }

  page(q: RowQuery): RowPage<T> {
    const order = q.sort ? this.order(q.sort) : undefined;
    const at = (k: number): number => (order ? order[q.descending ? order.length - 1 - k : k]! : q.descending ? this.rows.length - 1 - k : k);
    const checks = Object.entries(q.filters)
      .filter(([c]) => this.columns.includes(c))
      .map(([c, want]) => [this.text(c), want.toLowerCase()] as const);
    if (q.search) checks.push([this.anyText(), q.search.toLowerCase()] as const);
    const rows: T[] = [];
    let total = 0;
    for (let k = 0; k < this.rows.length; k++) {
      const i = at(k);
      if (!checks.every(([texts, want]) => texts[i]!.includes(want))) continue;
      if (total >= q.offset && rows.length < q.limit) rows.push(this.rows[i]!);
      total++;
      if (checks.length === 0 && rows.length === q.limit) {
        total = this.rows.length;
        break;
      }
    }
    return { total, offset: q.offset, limit: q.limit, rows };
  }
}

/** One page of rows that are paged once (a short list read for one request). */
export function pageRows<T extends object>(rows: readonly T[], columns: readonly string[], q: RowQuery): RowPage<T> {
  return new RowSet(rows, columns).page(q);
}
