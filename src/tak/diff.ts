/**
 * What one catalogue state adds, extends, ends and removes compared with another: routes and permissions as
 * the hub sees them (resolved, with their validity), and the rows of every other entity by id.
 */
import { DATED_KINDS, type CatalogueData } from './model.js';
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
  /** present when the lists were cut (`cutDiff`): each list's full length, by routes, permissions or entity and change */
  counts?: Record<string, Record<string, number>>;
}

/**
 * The diff with each list cut to its first `limit` rows and `counts` holding every list's full length: a
 * version of 200,000 rows is a diff of tens of megabytes, for a page that shows a few dozen of them.
 */
export function cutDiff(diff: CatalogueDiff, limit: number): CatalogueDiff {
  const counts: Record<string, Record<string, number>> = {};
  const cut = <L extends object>(name: string, lists: L): L => {
    const entries = Object.entries(lists) as Array<[string, unknown[]]>;
    counts[name] = Object.fromEntries(entries.map(([change, rows]) => [change, rows.length]));
    return Object.fromEntries(entries.map(([change, rows]) => [change, rows.slice(0, limit)])) as L;
  };
  const entities = Object.fromEntries(Object.entries(diff.entities).map(([name, rows]) => [name, cut(name, rows)]));
  return { ...diff, routes: cut('routes', diff.routes), permissions: cut('permissions', diff.permissions), entities, counts };
}

const UNDATED = Object.entries(ENTITY_PATHS).filter(([, kind]) => !DATED_KINDS.has(kind));

/**
 * Rows of two states matched by id: added, removed, and each kept row in the group `kept` names for it
 * (none = unchanged).
 */
function diffById<T extends { id: number }, G extends string>(before: T[], after: T[], groups: readonly G[], kept: (was: T, now: T) => G | undefined): Record<'added' | G | 'removed', T[]> {
  const old = new Map(before.map((r) => [r.id, r]));
  const out: Record<string, T[]> = { added: [] };
  for (const g of groups) out[g] = [];
  for (const r of after) {
    const was = old.get(r.id);
    old.delete(r.id);
    const group = was ? kept(was, r) : 'added';
    if (group) out[group]!.push(r);
  }
  out.removed = [...old.values()];
  return out as Record<'added' | G | 'removed', T[]>;
}

function diffEntities(before: CatalogueData | undefined, after: CatalogueData): Record<string, RowDiff> {
  const out: Record<string, RowDiff> = {};
  for (const [path, kind] of UNDATED) {
    const rows = (data: CatalogueData | undefined) => (data?.[kind] ?? []) as Array<{ id: number }>;
    const d = diffById(rows(before), rows(after), ['changed'], (was, now) => (JSON.stringify(was) !== JSON.stringify(now) ? 'changed' : undefined));
    if (d.added.length + d.changed.length + d.removed.length > 0) out[path] = d;
  }
  return out;
}

const diffEntries = <T extends { id: number; to: string }>(before: T[], after: T[]): EntryDiff<T> =>
  diffById(before, after, ['extended', 'ended'], (was, now) => (now.to > was.to ? 'extended' : now.to < was.to ? 'ended' : undefined));

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
