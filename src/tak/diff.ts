/** What one catalogue state adds, extends, ends and removes compared with another (routes and permissions). */
import type { CatalogueSnapshot, PermissionEntry, RouteEntry } from './snapshot.js';

export interface EntryDiff<T> {
  added: T[];
  /** same row, later `to` */
  extended: T[];
  /** same row, earlier `to` */
  ended: T[];
  removed: T[];
}

export interface CatalogueDiff {
  from: number | null;
  to: number | 'pending';
  routes: EntryDiff<RouteEntry>;
  permissions: EntryDiff<PermissionEntry>;
}

function diffEntries<T extends { id: number; to: string }>(before: T[], after: T[]): EntryDiff<T> {
  const old = new Map(before.map((e) => [e.id, e]));
  const out: EntryDiff<T> = { added: [], extended: [], ended: [], removed: [] };
  for (const e of after) {
    const o = old.get(e.id);
    old.delete(e.id);
    if (!o) out.added.push(e);
    else if (e.to > o.to) out.extended.push(e);
    else if (e.to < o.to) out.ended.push(e);
  }
  out.removed = [...old.values()];
  return out;
}

export function diffSnapshots(before: CatalogueSnapshot | undefined, after: CatalogueSnapshot, to: number | 'pending'): CatalogueDiff {
  return {
    from: before?.version ?? null,
    to,
    routes: diffEntries(before?.routes ?? [], after.routes),
    permissions: diffEntries(before?.permissions ?? [], after.permissions),
  };
}
