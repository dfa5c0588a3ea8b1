import type { Request, Response } from 'express';
import { formText, restError, show, signedInOrRefuse, type ConsoleDeps, type ConsolePage } from '../deps.js';
import { html, type SafeHtml } from '../html.js';
import { entityView, type EntityView, type FormField } from '../catalogue/entities.js';
import { catalogueNav } from '../catalogue/sub-nav.js';
import { tableQuery, tableView, type Column } from '../table/table-view.js';
import { rowQueryParams, type RowPage } from '../../shared/row-page.js';

const ACTIVE = '/console/catalogue';
type Notice = { kind: 'ok' | 'error'; text: string };
type Row = Record<string, unknown>;

function field(f: FormField, value: string): SafeHtml {
  const label = html`${f.label}${f.hint ? html` <span class="hint">(${f.hint})</span>` : ''}`;
  if (f.type === 'pem') {
    return html`<label class="wide">${label}<input type="file" accept=".pem,.crt,.cer" data-fill="field-${f.name}"><textarea name="${f.name}" id="field-${f.name}" rows="4" spellcheck="false">${value}</textarea></label>`;
  }
  return html`<label>${label}<input name="${f.name}" value="${value}"${f.type === 'date' ? html` pattern="\\d{4}-\\d{2}-\\d{2}" placeholder="YYYY-MM-DD"` : ''}${f.required ? html` required` : ''}></label>`;
}

function actions(view: EntityView, row: Record<string, unknown>, signedIn: boolean): SafeHtml {
  if (!signedIn) return html``;
  const base = `${ACTIVE}/${view.path}/${String(row.id)}`;
  return html`<div class="row-actions">${
    view.dated
      ? html`<form method="post" action="${base}/end"><input name="to" aria-label="end date" placeholder="to (default yesterday)" pattern="\\d{4}-\\d{2}-\\d{2}" size="12"><button type="submit">End</button></form>`
      : ''
  }<form method="post" action="${base}/delete"><button type="submit">Delete</button></form></div>`;
}

interface EntityState {
  notice?: Notice;
  /** the add form's values after a refused add, so nothing typed is lost */
  values?: Record<string, string>;
}

async function render(deps: ConsoleDeps, req: Request, res: Response, view: EntityView, state: EntityState = {}, status = 200): Promise<void> {
  const signedIn = deps.ctx.admin.isOperator(req);
  const columns: Array<Column<Row>> = view.columns.map((key) => ({ key }));
  const query = tableQuery(req.query as Row, columns);
  // The catalogue pages its working rows with references named, so a page of 100,000 routes stays small.
  const answer = await deps.rest.call('GET', `/api/tak/table/${view.path}?${new URLSearchParams(rowQueryParams(query))}`);
  const page = answer.status === 200 ? (answer.json as RowPage<Row>) : { total: 0, offset: 0, limit: query.limit, rows: [] };
  let notice = state.notice;
  if (answer.status !== 200) {
    notice = { kind: 'error', text: `The catalogue's ${view.path} could not be read: ${restError(answer)}` };
    status = 502;
  }
  const path = `${ACTIVE}/${view.path}`;
  show(
    deps,
    req,
    res,
    {
      title: `Catalogue: ${view.label.toLowerCase()}`,
      active: ACTIVE,
      notice,
      body: html`${catalogueNav(path)}
<p class="hint">The working catalogue (${view.term}): changes stay pending until they are published on <a href="${ACTIVE}/pending">Pending changes and publish</a>.</p>
<form method="get" action="${path}" class="filters"><label>Search (any column) <input name="q" value="${query.search}"></label><button type="submit">Search</button></form>
<h2>${view.label}: ${page.total}</h2>
${tableView({
  id: 'rows',
  path,
  columns,
  page,
  query,
  rowClass: (r) => (String(r.state).startsWith('published') ? '' : 'pending'),
  actions: signedIn ? (r) => actions(view, r, signedIn) : undefined,
})}
<h2>Add</h2>${
        signedIn
          ? html`<form method="post" action="${path}" class="grid" id="add-form">${view.fields.map((f) => field(f, state.values?.[f.name] ?? ''))}<button type="submit" class="primary">Add</button></form>`
          : html`<p><a href="/console/sign-in?back=${encodeURIComponent(path)}">Sign in</a> to add, end or delete.</p>`
      }`,
    },
    status,
  );
}

/** The form's non-empty fields of the entity, as the REST body (empty ones take the catalogue's defaults). */
function bodyOf(req: Request, view: EntityView): Record<string, string> {
  const out: Record<string, string> = {};
  for (const f of view.fields) {
    const v = formText(req, f.name).trim();
    if (v) out[f.name] = v;
  }
  return out;
}

/** The REST error, with the problems its message does not already name. */
function refusal(answer: { status: number; json: unknown; text: string }): string {
  const text = restError(answer);
  const problems = (answer.json as { problems?: unknown } | undefined)?.problems;
  const missing = Array.isArray(problems) ? problems.map(String).filter((p) => !text.includes(p)) : [];
  return missing.length > 0 ? `${text} (${missing.join('; ')})` : text;
}

/** Browse and search every entity of the working catalogue; add, end and delete rows (pending until published). */
export const catalogueEntitiesPage: ConsolePage = (router, deps) => {
  router.get('/catalogue/:entity', (req, res, next) => {
    const view = entityView(String(req.params.entity));
    if (!view) return next();
    return render(deps, req, res, view);
  });
  router.post('/catalogue/:entity', async (req, res, next) => {
    const view = entityView(String(req.params.entity));
    if (!view) return next();
    if (!signedInOrRefuse(deps, req, res, 'Catalogue', `${ACTIVE}/${view.path}`)) return;
    const body = bodyOf(req, view);
    const answer = await deps.rest.call('POST', `/api/tak/${view.path}`, { body, asOperator: true });
    if (answer.status !== 201) return render(deps, req, res, view, { notice: { kind: 'error', text: `Not added: ${refusal(answer)}` }, values: body }, 400);
    return render(deps, req, res, view, { notice: { kind: 'ok', text: `Added ${view.path} row ${String((answer.json as { id?: unknown }).id)}; pending until published.` } });
  });
  router.post('/catalogue/:entity/:id/:change', async (req, res, next) => {
    const view = entityView(String(req.params.entity));
    const change = String(req.params.change);
    const id = String(req.params.id);
    if (!view || !/^\d+$/.test(id) || !(change === 'delete' || (change === 'end' && view.dated))) return next();
    if (!signedInOrRefuse(deps, req, res, 'Catalogue', `${ACTIVE}/${view.path}`)) return;
    const to = formText(req, 'to').trim();
    const answer =
      change === 'end'
        ? await deps.rest.call('POST', `/api/tak/${view.path}/${id}/end`, { body: to ? { to } : {}, asOperator: true })
        : await deps.rest.call('DELETE', `/api/tak/${view.path}/${id}`, { asOperator: true });
    if (answer.status >= 400) return render(deps, req, res, view, { notice: { kind: 'error', text: `Row ${id} not changed: ${refusal(answer)}` } }, answer.status === 404 ? 404 : 400);
    return render(deps, req, res, view, { notice: { kind: 'ok', text: change === 'end' ? `Row ${id} ended${to ? ` on ${to}` : ''}; pending until published.` : `Row ${id} deleted; pending until published.` } });
  });
};
