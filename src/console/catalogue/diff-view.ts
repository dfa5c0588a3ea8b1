import { html, type SafeHtml } from '../html.js';
import { jsonView } from '../json-view.js';

type Changes = Partial<Record<'added' | 'extended' | 'ended' | 'changed' | 'removed', unknown[]>>;

/**
 * The catalogue's diff (`/api/tak/pending`, `/versions/{id}/diff`): routes and permissions as the hub sees
 * them, and the other entities' rows by their REST name (components, contracts, logical-addresses, …).
 */
export interface CatalogueDiff {
  from: number | null;
  to: number | 'pending';
  routes: Changes;
  permissions: Changes;
  entities?: Record<string, Changes>;
}

const GROUPS = ['added', 'extended', 'ended', 'changed', 'removed'] as const;
const LABELS: Record<string, string> = {
  routes: 'Routes (vägval)',
  permissions: 'Permissions (anropsbehörigheter)',
  components: 'Service components',
  contracts: 'Service contracts',
  'logical-addresses': 'Logical addresses',
  'riv-profiles': 'RIV-TA profiles',
  'call-addresses': 'Call addresses',
  'hsa-units': 'HSA units',
  'format-mappings': 'Format mappings (SHS, SSEK)',
};

/** Every (entity, changes) pair of a diff: routes and permissions first. */
function sections(diff: CatalogueDiff): Array<[key: string, changes: Changes]> {
  return [['routes', diff.routes], ['permissions', diff.permissions], ...Object.entries(diff.entities ?? {})];
}

export function changeCount(diff: CatalogueDiff): number {
  return sections(diff).reduce((n, [, c]) => n + GROUPS.reduce((m, g) => m + (c[g]?.length ?? 0), 0), 0);
}

/** Each non-empty group as a table, under a heading that says what changed how. */
export function diffView(diff: CatalogueDiff): SafeHtml {
  const parts = sections(diff).flatMap(([key, changes]) =>
    GROUPS.filter((g) => (changes[g]?.length ?? 0) > 0).map(
      (g) => html`<h3>${LABELS[key] ?? key} ${g}: ${changes[g]!.length}</h3><div class="diff-${key}-${g}">${jsonView(changes[g])}</div>`,
    ),
  );
  return html`<div id="diff">${parts.length > 0 ? parts : html`<p class="empty">Nothing changes.</p>`}</div>`;
}
