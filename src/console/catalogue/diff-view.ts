import { html, type SafeHtml } from '../html.js';
import { jsonView } from '../json-view.js';

type Changes = Partial<Record<'added' | 'extended' | 'ended' | 'removed', unknown[]>>;

/** The catalogue's diff (`/api/tak/pending`, `/versions/{id}/diff`): the changes to routes and permissions. */
export interface CatalogueDiff {
  from: number | null;
  to: number | 'pending';
  routes: Changes;
  permissions: Changes;
}

const GROUPS = ['added', 'extended', 'ended', 'removed'] as const;
const KINDS = [
  { key: 'routes', label: 'Routes (vägval)' },
  { key: 'permissions', label: 'Permissions (anropsbehörigheter)' },
] as const;

export function changeCount(diff: CatalogueDiff): number {
  return KINDS.reduce((n, k) => n + GROUPS.reduce((m, g) => m + (diff[k.key][g]?.length ?? 0), 0), 0);
}

/** Each non-empty group as a table, under a heading that says what changed how. */
export function diffView(diff: CatalogueDiff): SafeHtml {
  const parts = KINDS.flatMap((k) =>
    GROUPS.filter((g) => (diff[k.key][g]?.length ?? 0) > 0).map(
      (g) => html`<h3>${k.label} ${g}: ${diff[k.key][g]!.length}</h3><div class="diff-${k.key}-${g}">${jsonView(diff[k.key][g])}</div>`,
    ),
  );
  return html`<div id="diff">${parts.length > 0 ? parts : html`<p class="empty">No routes or permissions change.</p>`}</div>`;
}
