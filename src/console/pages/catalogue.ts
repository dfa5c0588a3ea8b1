import { show, type ConsolePage } from '../deps.js';
import { html } from '../html.js';
import { jsonView } from '../json-view.js';
import { catalogueNav } from '../catalogue/sub-nav.js';

const ACTIVE = '/console/catalogue';

/** Case-insensitive substring match on any field of a row. */
function matches(row: object, q: string): boolean {
  return !q || JSON.stringify(Object.values(row)).toLowerCase().includes(q);
}

/** The published catalogue the hub routes from: routes (vägval) and permissions (anropsbehörigheter), searchable. */
export const cataloguePage: ConsolePage = (router, deps) => {
  router.get('/catalogue', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q.trim() : '';
    const snapshot = deps.ctx.catalogue.current();
    const want = q.toLowerCase();
    const routes = (snapshot?.routes ?? []).filter((r) => matches(r, want));
    const permissions = (snapshot?.permissions ?? []).filter((p) => matches(p, want));
    show(deps, req, res, {
      title: 'Catalogue',
      active: ACTIVE,
      body: html`${catalogueNav(ACTIVE)}
<p class="hint">The published catalogue the hub routes from${snapshot ? `, version ${snapshot.version}` : ''}. Change it row by row on the other catalogue pages, or with an order on the <a href="/console/orders">Orders</a> page; then publish.</p>
<form method="get" action="${ACTIVE}" class="filters"><label>Search (any field) <input name="q" value="${q}"></label><button type="submit">Search</button></form>
<h2>Routes (vägval): ${routes.length}</h2><div id="routes">${jsonView(routes)}</div>
<h2>Permissions (anropsbehörigheter): ${permissions.length}</h2><div id="permissions">${jsonView(permissions)}</div>`,
    });
  });
};
