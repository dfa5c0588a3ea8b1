import type { Request, Response } from 'express';
import { formText, restError, show, signedInOrRefuse, type ConsoleDeps, type ConsolePage } from '../deps.js';
import { html } from '../html.js';
import { catalogueNav } from '../catalogue/sub-nav.js';
import { changeCount, diffView, hasEntity, DIFF_ROWS_PER_LIST, type CatalogueDiff, type IdNames } from '../catalogue/diff-view.js';
import { tableQuery, tableView, type Column } from '../table/table-view.js';
import { pageRows, type RowPage } from '../../shared/row-page.js';
import type { RestClient } from '../rest-client.js';

const ACTIVE = '/console/catalogue';
const PENDING = `${ACTIVE}/pending`;
const VERSIONS = `${ACTIVE}/versions`;
type Notice = { kind: 'ok' | 'error'; text: string };
type Row = Record<string, unknown>;

const VERSION_COLUMNS: ReadonlyArray<Column<Row>> = [
  { key: 'id', label: 'version', cell: (v) => html`<a href="${VERSIONS}/${String(v.id)}">${String(v.id)}</a>` },
  { key: 'time' },
  { key: 'author' },
  { key: 'comment' },
  { key: 'routes' },
  { key: 'permissions' },
  { key: 'size', label: 'bytes' },
];

/** A call address in a diff holds component and profile ids: name them from the catalogue's live rows. */
async function idNames(rest: RestClient, diff: CatalogueDiff): Promise<IdNames> {
  if (!hasEntity(diff, 'call-addresses')) return {};
  const names = async (path: string, field: string): Promise<Map<number, string>> => {
    const answer = await rest.call('GET', `/api/tak/table/${path}?limit=1000`);
    const rows = answer.status === 200 ? (answer.json as RowPage<Row>).rows : [];
    return new Map(rows.map((r) => [r.id as number, String(r[field])]));
  };
  const [components, profiles] = await Promise.all([names('components', 'hsaId'), names('riv-profiles', 'name')]);
  return { componentId: components, profileId: profiles };
}

/** What publishing now would change, then the publish form: the diff is always shown before publishing. */
async function renderPending(deps: ConsoleDeps, req: Request, res: Response, notice?: Notice, status = 200): Promise<void> {
  const answer = await deps.rest.call('GET', `/api/tak/pending?limit=${DIFF_ROWS_PER_LIST}`);
  const diff = answer.status === 200 ? (answer.json as CatalogueDiff) : undefined;
  const signedIn = deps.ctx.admin.isOperator(req);
  show(
    deps,
    req,
    res,
    {
      title: 'Catalogue: pending changes',
      active: ACTIVE,
      notice: diff ? notice : { kind: 'error', text: `The catalogue's pending changes could not be read: ${restError(answer)}` },
      body: html`${catalogueNav(PENDING)}
${diff ? html`<p class="hint">Compared with the published version ${diff.from ?? '(none)'}: ${changeCount(diff)} changes.</p>${diffView(diff, { path: PENDING, query: req.query as Row, names: await idNames(deps.rest, diff) })}` : ''}
<h2>Publish</h2>${
        signedIn
          ? html`<form method="post" action="${ACTIVE}/publish" class="stack" id="publish-form"><label>Comment <input name="comment"></label><div class="buttons"><button type="submit" class="primary">Publish these changes</button></div></form>`
          : html`<p><a href="/console/sign-in?back=${encodeURIComponent(PENDING)}">Sign in</a> to publish.</p>`
      }`,
    },
    diff ? status : 502,
  );
}

async function renderVersions(deps: ConsoleDeps, req: Request, res: Response, notice?: Notice, status = 200): Promise<void> {
  const answer = await deps.rest.call('GET', '/api/tak/versions');
  const versions = answer.status === 200 && Array.isArray(answer.json) ? (answer.json as Array<Record<string, unknown>>) : undefined;
  const query = tableQuery(req.query as Row, VERSION_COLUMNS);
  show(
    deps,
    req,
    res,
    {
      title: 'Catalogue: versions',
      active: ACTIVE,
      notice: versions ? notice : { kind: 'error', text: `The catalogue's versions could not be read: ${restError(answer)}` },
      body: html`${catalogueNav(VERSIONS)}
<p class="hint">Published versions, newest first; a version's number links to what it changed.</p>
<div id="versions">${tableView({ id: 'versions-table', path: VERSIONS, columns: VERSION_COLUMNS, query, page: pageRows(versions ?? [], VERSION_COLUMNS.map((c) => c.key), query) })}</div>
${
  deps.ctx.admin.isOperator(req) && (versions?.length ?? 0) > 0
    ? html`<h2>Roll back</h2><p class="hint">Removes the latest version and makes the one before it active again. Refused while changes are pending.</p><form method="post" action="${ACTIVE}/rollback" id="rollback-form"><button type="submit">Roll back the latest version</button></form>`
    : ''
}`,
    },
    versions ? status : 502,
  );
}

/** Pending changes with publish, the version history with each version's diff, and rollback. */
export const catalogueVersionsPage: ConsolePage = (router, deps) => {
  router.get('/catalogue/pending', (req, res) => renderPending(deps, req, res));
  router.post('/catalogue/publish', async (req, res) => {
    if (!signedInOrRefuse(deps, req, res, 'Catalogue', PENDING)) return;
    const answer = await deps.rest.call('POST', '/api/tak/publish', { body: { comment: formText(req, 'comment') }, asOperator: true });
    if (answer.status !== 201) return renderPending(deps, req, res, { kind: 'error', text: `Not published: ${restError(answer)}` }, answer.status === 409 ? 409 : 400);
    const v = answer.json as { id: number; routes: number; permissions: number };
    return renderVersions(deps, req, res, { kind: 'ok', text: `Published version ${v.id} (${v.routes} routes, ${v.permissions} permissions); the hub routes from it now.` });
  });
  router.get('/catalogue/versions', (req, res) => renderVersions(deps, req, res));
  router.get('/catalogue/versions/:id', async (req, res, next) => {
    const id = String(req.params.id);
    if (!/^\d+$/.test(id)) return next();
    const answer = await deps.rest.call('GET', `/api/tak/versions/${id}/diff?limit=${DIFF_ROWS_PER_LIST}`);
    const diff = answer.status === 200 ? (answer.json as CatalogueDiff) : undefined;
    show(
      deps,
      req,
      res,
      {
        title: `Catalogue: version ${id}`,
        active: ACTIVE,
        notice: diff ? undefined : { kind: 'error', text: restError(answer) },
        body: html`${catalogueNav(VERSIONS)}${diff ? html`<p class="hint">What version ${id} changed compared with version ${diff.from ?? '(none)'}.</p>${diffView(diff, { path: `${VERSIONS}/${id}`, query: req.query as Row, names: await idNames(deps.rest, diff) })}` : ''}`,
      },
      diff ? 200 : answer.status === 404 ? 404 : 502,
    );
  });
  router.post('/catalogue/rollback', async (req, res) => {
    if (!signedInOrRefuse(deps, req, res, 'Catalogue', VERSIONS)) return;
    const answer = await deps.rest.call('POST', '/api/tak/rollback', { asOperator: true });
    if (answer.status !== 200) return renderVersions(deps, req, res, { kind: 'error', text: `Not rolled back: ${restError(answer)}` }, answer.status === 409 ? 409 : 400);
    const r = answer.json as { removed: { id: number }; active?: { id: number } };
    return renderVersions(deps, req, res, { kind: 'ok', text: `Version ${r.removed.id} removed; ${r.active ? `version ${r.active.id} is active` : 'the catalogue is empty'}.` });
  });
};
