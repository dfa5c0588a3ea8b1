import { html, type SafeHtml } from '../html.js';
import { ENTITY_VIEWS } from './entities.js';

const LINKS: ReadonlyArray<{ path: string; label: string }> = [
  { path: '/console/catalogue', label: 'Published' },
  ...ENTITY_VIEWS.map((e) => ({ path: `/console/catalogue/${e.path}`, label: e.label })),
  { path: '/console/catalogue/pending', label: 'Pending changes and publish' },
  { path: '/console/catalogue/versions', label: 'Versions' },
  { path: '/console/catalogue/audit', label: 'Audit trail' },
];

/** The catalogue pages' own menu. */
export function catalogueNav(current: string): SafeHtml {
  return html`<nav class="sub" aria-label="Catalogue">${LINKS.map(
    (l) => html`<a href="${l.path}"${l.path === current ? html` class="active" aria-current="page"` : ''}>${l.label}</a>`,
  )}</nav>`;
}
