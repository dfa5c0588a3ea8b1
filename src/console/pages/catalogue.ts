import { show, type ConsolePage } from '../deps.js';
import { html } from '../html.js';
import { catalogueNav } from '../catalogue/sub-nav.js';
import { tableQuery, tableView, type Column } from '../table/table-view.js';
import { RowSet } from '../../shared/row-page.js';
import type { CatalogueSnapshot } from '../../tak/snapshot.js';

const ACTIVE = '/console/catalogue';
type Row = Record<string, unknown>;

/** The two lists of a published catalogue, each a tab of the page. */
const LISTS = {
  routes: { label: 'Routes (vägval)', columns: ['id', 'logicalAddress', 'namespace', 'url', 'component', 'profile', 'from', 'to'] },
  permissions: { label: 'Permissions (anropsbehörigheter)', columns: ['id', 'consumer', 'logicalAddress', 'namespace', 'from', 'to', 'filters'] },
} as const;
type ListName = keyof typeof LISTS;

/** Each published snapshot's lists, sorted and searched in memory: a snapshot never changes once made. */
const rowSets = new WeakMap<CatalogueSnapshot, Record<ListName, RowSet<Row>>>();

function rowSetsOf(snapshot: CatalogueSnapshot): Record<ListName, RowSet<Row>> {
  let sets = rowSets.get(snapshot);
  if (!sets) {
    sets = { routes: new RowSet(snapshot.routes as unknown as Row[], LISTS.routes.columns), permissions: new RowSet(snapshot.permissions as unknown as Row[], LISTS.permissions.columns) };
    rowSets.set(snapshot, sets);
  }
  return sets;
}

/** The published catalogue the hub routes from: routes (vägval) and permissions (anropsbehörigheter), paged. */
export const cataloguePage: ConsolePage = (router, deps) => {
  router.get('/catalogue', (req, res) => {
    const list: ListName = req.query.show === 'permissions' ? 'permissions' : 'routes';
    const columns: Array<Column<Row>> = LISTS[list].columns.map((key) => ({ key }));
    const query = tableQuery(req.query as Row, columns);
    const snapshot = deps.ctx.catalogue.current();
    const page = snapshot ? rowSetsOf(snapshot)[list].page(query) : { total: 0, offset: 0, limit: query.limit, rows: [] };
    const counts = { routes: snapshot?.routes.length ?? 0, permissions: snapshot?.permissions.length ?? 0 };
    show(deps, req, res, {
      title: 'Catalogue',
      active: ACTIVE,
      body: html`${catalogueNav(ACTIVE)}
<p class="hint">The published catalogue the hub routes from${snapshot ? `, version ${snapshot.version}` : ''}. Change it row by row on the other catalogue pages, or with an order on the <a href="/console/orders">Orders</a> page; then publish.</p>
<nav class="tabs">${(Object.keys(LISTS) as ListName[]).map(
        (l) => html`<a href="${ACTIVE}${l === 'routes' ? '' : `?show=${l}`}"${l === list ? html` class="active" aria-current="page"` : ''}>${LISTS[l].label}: ${counts[l]}</a>`,
      )}</nav>
<form method="get" action="${ACTIVE}" class="filters">${list === 'routes' ? '' : html`<input type="hidden" name="show" value="${list}">`}<label>Search (any field) <input name="q" value="${query.search}"></label><button type="submit">Search</button></form>
<h2>${LISTS[list].label}: ${page.total}</h2>
<div id="${list}">${tableView({ id: `${list}-table`, path: ACTIVE, keep: list === 'routes' ? [] : [['show', list]], columns, page, query })}</div>`,
    });
  });
};
