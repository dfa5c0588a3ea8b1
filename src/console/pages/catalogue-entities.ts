import type { Request, Response } from 'express';
import { formText, restError, show, signedInOrRefuse, type ConsoleDeps, type ConsolePage } from '../deps.js';
import { html, type SafeHtml } from '../html.js';
import { entityView, type EntityView, type FormField } from '../catalogue/entities.js';
import { catalogueNav } from '../catalogue/sub-nav.js';
import { workingRows } from '../catalogue/working-rows.js';

const ACTIVE = '/console/catalogue';
const ROWS_SHOWN = 500;
type Notice = { kind: 'ok' | 'error'; text: string };

function matches(row: Record<string, unknown>, columns: readonly string[], q: string): boolean {
  return !q || columns.some((c) => String(row[c] ?? '').toLowerCase().includes(q));
}

function field(f: FormField, value: string): SafeHtml {
  const label = html`${f.label}${f.hint ? html` <span class="hint">(${f.hint})</span>` : ''}`;
  if (f.type === 'pem') {
    return html`<label class="wide">${label}<input type="file" accept=".pem,.crt,.cer" data-fill="field-${f.name}"><textarea name="${f.name}" id="field-${f.name}" rows="4" spellcheck="false">${value}</textarea></label>`;
  }
  return html`<label>${label}<input name="${f.name}" value="${value}"${f.type === 'date' ? html` pattern="\\d{4}-\\d{2}-\\d{2}" placeholder="YYYY-MM-DD"` : ''}${f.required ? html` required` : ''}></label>`;
}

function actions(view: EntityView, row: Record<string, unknown>, signedIn: boolean): SafeHtml {
  if (!signedIn || String(row.state).startsWith('deleted')) return html``;
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
  const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
  const signedIn = deps.ctx.admin.isOperator(req);
  let rows: Array<Record<string, unknown>> = [];
  let notice = state.notice;
  try {
    rows = (await workingRows(deps.rest, view)).filter((r) => matches(r, view.columns, q.toLowerCase()));
  } catch (e) {
    notice = { kind: 'error', text: (e as Error).message };
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
<form method="get" action="${path}" class="filters"><label>Search <input name="q" value="${q}"></label><button type="submit">Search</button></form>
<h2>${view.label}: ${rows.length}</h2>
<table class="data" id="rows"><thead><tr>${view.columns.map((c) => html`<th>${c}</th>`)}${signedIn ? html`<th>change</th>` : ''}</tr></thead><tbody>${
        rows.length === 0
          ? html`<tr><td colspan="${view.columns.length + 1}" class="empty">none</td></tr>`
          : rows.slice(0, ROWS_SHOWN).map(
              (r) => html`<tr class="${String(r.state).startsWith('published') ? '' : 'pending'}">${view.columns.map((c) => html`<td>${r[c] ?? ''}</td>`)}${signedIn ? html`<td>${actions(view, r, signedIn)}</td>` : ''}</tr>`,
            )
      }</tbody></table>${rows.length > ROWS_SHOWN ? html`<p class="more">${rows.length - ROWS_SHOWN} more: narrow the search</p>` : ''}
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
