/**
 * What one catalogue state adds, extends, ends and removes compared with another: routes and permissions as
 * the hub sees them (resolved, with their validity), and the rows of every other entity by id.
 */
import { DATED_KINDS, KINDS, type CatalogueData, type Kind } from './model.js';
import { ENTITY_PATHS } from './rest-paths.js';
import type { CatalogueSnapshot, PermissionEntry, RouteEntry } from './snapshot.js';

export interface EntryDiff<T> {
  added: T[];
  /** same row, later `to` */
  extended: T[];
  /** same row, earlier `to` */
  ended: T[];
  removed: T[];
}

export interface RowDiff {
  added: unknown[];
  /** same id, other values (the row as it is after) */
  changed: unknown[];
  removed: unknown[];
}

export interface CatalogueDiff {
  from: number | null;
  to: number | 'pending';
  routes: EntryDiff<RouteEntry>;
  permissions: EntryDiff<PermissionEntry>;
  /** the undated entities by their REST name (components, contracts, logical-addresses, …); unchanged ones left out */
  entities: Record<string, RowDiff>;
}

const UNDATED: Array<[path: string, kind: Kind]> = Object.entries(ENTITY_PATHS).filter(([, kind]) => KINDS.includes(kind) && !DATED_KINDS.has(kind));

function diffRows(before: Array<{ id: number }>, after: Array<{ id: number }>): RowDiff {
  const old = new Map(before.map((r) => [r.id, r]));
  const out: RowDiff = { added: [], changed: [], removed: [] };
  for (const r of after) {
    const o = old.get(r.id);
    old.delete(r.id);
    if (!o) out.added.push(r);
    else if (JSON.stringify(o) !== JSON.stringify(r)) out.changed.push(r);
  }
  out.removed = [...old.values()];
  return out;
}

function diffEntities(before: CatalogueData | undefined, after: CatalogueData): Record<string, RowDiff> {
  const out: Record<string, RowDiff> = {};
  for (const [path, kind] of UNDATED) {
    const d = diffRows((before?.[kind] ?? []) as Array<{ id: number }>, after[kind] as Array<{ id: number }>);
    if (d.added.length + d.changed.length + d.removed.length > 0) out[path] = d;
  }
  return out;
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

export interface DiffSide {
  snapshot: CatalogueSnapshot;
  data: CatalogueData;
}

export function diffCatalogues(before: DiffSide | undefined, after: DiffSide, to: number | 'pending'): CatalogueDiff {
  return {
    from: before?.snapshot.version ?? null,
    to,
    routes: diffEntries(before?.snapshot.routes ?? [], after.snapshot.routes),
    permissions: diffEntries(before?.snapshot.permissions ?? [], after.snapshot.permissions),
    entities: diffEntities(before?.data, after.data),
  };
}
