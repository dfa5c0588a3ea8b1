import { restError, show, type ConsolePage } from '../deps.js';
import { html } from '../html.js';
import { catalogueNav } from '../catalogue/sub-nav.js';
import { tableQuery, tableView, type Column } from '../table/table-view.js';
import { pageRows } from '../../shared/row-page.js';

const AUDIT = '/console/catalogue/audit';
/** the newest entries the page reads; older ones stay in the database (`GET /api/tak/audit?limit=`) */
const AUDIT_ENTRIES_READ = 10_000;
type Row = Record<string, unknown>;

/** A row change's summary is the row as JSON: shown as `field: value` pairs. */
function fields(summary: unknown): string {
  try {
    const parsed = JSON.parse(String(summary)) as unknown;
    if (typeof parsed !== 'object' || parsed === null) return String(summary);
    return Object.entries(parsed as Row)
      .map(([k, v]) => `${k}: ${typeof v === 'object' ? JSON.stringify(v) : String(v)}`)
      .join(', ');
  } catch {
    return String(summary);
  }
}

const COLUMNS: ReadonlyArray<Column<Row>> = [{ key: 'time' }, { key: 'user' }, { key: 'action' }, { key: 'kind' }, { key: 'rowId', label: 'row' }, { key: 'summary', label: 'what', cell: (r) => fields(r.summary) }];

/** Who changed what in the catalogue and when, newest first. */
export const catalogueAuditPage: ConsolePage = (router, deps) => {
  router.get('/catalogue/audit', async (req, res) => {
    const answer = await deps.rest.call('GET', `/api/tak/audit?limit=${AUDIT_ENTRIES_READ}`);
    const entries = answer.status === 200 && Array.isArray(answer.json) ? (answer.json as Row[]) : undefined;
    const query = tableQuery(req.query as Row, COLUMNS);
    show(
      deps,
      req,
      res,
      {
        title: 'Catalogue: audit trail',
        active: '/console/catalogue',
        notice: entries ? undefined : { kind: 'error', text: `The catalogue's audit trail could not be read: ${restError(answer)}` },
        body: html`${catalogueNav(AUDIT)}
<p class="hint">Every change to the catalogue, newest first (the latest ${AUDIT_ENTRIES_READ}).</p>
${tableView({ id: 'audit', path: AUDIT, columns: COLUMNS, query, page: pageRows(entries ?? [], COLUMNS.map((c) => c.key), query) })}`,
      },
      entries ? 200 : 502,
    );
  });
};
