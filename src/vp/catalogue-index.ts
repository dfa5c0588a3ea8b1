/**
 * A catalogue snapshot compiled once per switch into lower-cased hash maps, so that a lookup costs the
 * same whatever the catalogue's size (docs/vp.md, "What happens to a call"). Matching is case-insensitive;
 * validity is inclusive at both ends, compared as local `YYYY-MM-DD` dates. Lookups build their trace as one
 * string and make no closure per call: those were most of a lookup's cost (bench/tak-lookup-parts.ts).
 */
import type { CatalogueSnapshot, IsoDate, PermissionEntry, RouteEntry } from '../tak/snapshot.js';

export interface CatalogueIndex {
  readonly version: number;
  readonly routeCount: number;
  readonly permissionCount: number;
  readonly hsaUnitCount: number;
  /** lower(logicalAddress|namespace) → routes */
  readonly routes: ReadonlyMap<string, readonly RouteEntry[]>;
  /** lower(logicalAddress|consumer|namespace) → permissions */
  readonly permissions: ReadonlyMap<string, readonly PermissionEntry[]>;
  /** lower(hsaId) → parent as given */
  readonly hsaParents: ReadonlyMap<string, string | undefined>;
}

/** Routing options of the old-style `VG#VE` address (the first rule of the route and the permission lookups). */
export interface DefaultRoutingOptions {
  /** vagvalrouter.default.routing.address.delimiter; '' turns default routing off */
  delimiter: string;
  /** defaultrouting.allowedContracts (lower-case); empty = every contract */
  allowedContracts: readonly string[];
  /** defaultrouting.allowedSenderIds (lower-case); empty = every sender */
  allowedSenders: readonly string[];
}

export const DEFAULT_ROUTING: DefaultRoutingOptions = { delimiter: '#', allowedContracts: [], allowedSenders: [] };

/** Whether the HSA climb is on for a namespace (the real VP's hsa.lookup.*.defaultEnabled / exceptedNamespaces). */
export interface HsaClimbRule {
  defaultEnabled: boolean;
  /** namespace prefixes (lower-case) that flip the default */
  exceptedPrefixes: readonly string[];
}

export function hsaClimbEnabled(rule: HsaClimbRule, namespace: string): boolean {
  const lower = namespace.toLowerCase();
  return rule.exceptedPrefixes.some((p) => lower.startsWith(p)) ? !rule.defaultEnabled : rule.defaultEnabled;
}

const HSA_ROOT = 'se';
/** The HSA tree is data from a file: a bound keeps a cycle in it from hanging a call. */
const MAX_HSA_DEPTH = 64;

function push<T>(map: Map<string, T[]>, key: string, value: T): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

const routeKey = (address: string, namespace: string): string => `${address}|${namespace}`.toLowerCase();
const permissionKey = (address: string, consumer: string, namespace: string): string => `${address}|${consumer}|${namespace}`.toLowerCase();

/** Entries compiled per slice: about a millisecond of work, so a switch never holds calls for long. */
export const COMPILE_SLICE_ENTRIES = 1000;

/** Builds the index, pausing (yield) after every `slice` entries. */
function* compileSteps(snapshot: CatalogueSnapshot, slice: number): Generator<void, CatalogueIndex> {
  const routes = new Map<string, RouteEntry[]>();
  const permissions = new Map<string, PermissionEntry[]>();
  const hsaParents = new Map<string, string | undefined>();
  let done = 0;
  for (const r of snapshot.routes) {
    push(routes, routeKey(r.logicalAddress, r.namespace), r);
    if (++done % slice === 0) yield;
  }
  for (const p of snapshot.permissions) {
    push(permissions, permissionKey(p.logicalAddress, p.consumer, p.namespace), p);
    if (++done % slice === 0) yield;
  }
  for (const u of snapshot.hsaUnits) {
    hsaParents.set(u.hsaId.toLowerCase(), u.parent);
    if (++done % slice === 0) yield;
  }
  return {
    version: snapshot.version,
    routeCount: snapshot.routes.length,
    permissionCount: snapshot.permissions.length,
    hsaUnitCount: snapshot.hsaUnits.length,
    routes,
    permissions,
    hsaParents,
  };
}

export function compileCatalogue(snapshot: CatalogueSnapshot): CatalogueIndex {
  const steps = compileSteps(snapshot, Infinity);
  let step = steps.next();
  while (!step.done) step = steps.next();
  return step.value;
}

/**
 * Compiles in slices of COMPILE_SLICE_ENTRIES, letting the event loop serve calls between them, and hands the
 * index to `done` in one step. A catalogue of one slice is compiled and handed over at once, before this
 * returns. Stops without handing over when `wanted()` turns false (a newer snapshot arrived meanwhile).
 */
export async function compileCatalogueInSlices(snapshot: CatalogueSnapshot, done: (index: CatalogueIndex) => void, wanted: () => boolean): Promise<void> {
  const steps = compileSteps(snapshot, COMPILE_SLICE_ENTRIES);
  let step = steps.next();
  while (!step.done) {
    await new Promise((resolve) => setImmediate(resolve));
    if (!wanted()) return;
    step = steps.next();
  }
  done(step.value);
}

const valid = (e: { from: IsoDate; to: IsoDate }, date: IsoDate): boolean => e.from <= date && date <= e.to;

function validRoutes(index: CatalogueIndex, address: string, namespace: string, date: IsoDate): RouteEntry[] {
  return (index.routes.get(routeKey(address, namespace)) ?? []).filter((r) => valid(r, date));
}

function permitted(index: CatalogueIndex, address: string, sender: string, namespace: string, date: IsoDate): boolean {
  return (index.permissions.get(permissionKey(address, sender, namespace)) ?? []).some((p) => valid(p, date));
}

/** Parents of an HSA-id up to and including `SE`; an id missing from the tree has parent `SE` (docs/vp.md). */
export function hsaAncestors(index: CatalogueIndex, hsaId: string): string[] {
  const out: string[] = [];
  let current = hsaId;
  for (let depth = 0; depth < MAX_HSA_DEPTH && current.toLowerCase() !== HSA_ROOT; depth++) {
    const lower = current.toLowerCase();
    const parent = index.hsaParents.has(lower) ? index.hsaParents.get(lower) : 'SE';
    if (!parent) break;
    out.push(parent);
    current = parent;
  }
  return out;
}

function defaultRoutingParts(receiver: string, opts: DefaultRoutingOptions): string[] | undefined {
  if (!opts.delimiter || !receiver.includes(opts.delimiter)) return undefined;
  return [...new Set(receiver.split(opts.delimiter))];
}

export interface RouteLookup {
  /** the valid routes of the first step that had any */
  routes: RouteEntry[];
  /** which addresses were tried, e.g. `(leaf),VE,VG` or `A,(parent),P,SE,(default),*` */
  trace: string;
}

/**
 * vägval: `VG#VE` right to left (no fallback), else exact, HSA climb up to `SE`, then `*`.
 * Returns every valid route of the first step that finds one; the caller decides VP004/VP006/VP010.
 */
export function lookUpRoutes(index: CatalogueIndex, receiver: string, namespace: string, date: IsoDate, opts: DefaultRoutingOptions = DEFAULT_ROUTING, climb = true): RouteLookup {
  const parts = defaultRoutingParts(receiver, opts);
  if (parts) {
    let trace = '(leaf)';
    for (let i = parts.length - 1; i >= 0; i--) {
      trace += ',' + parts[i]!;
      const hit = validRoutes(index, parts[i]!, namespace, date);
      if (hit.length > 0) return { routes: hit, trace };
    }
    return { routes: [], trace };
  }
  let trace = receiver;
  let hit = validRoutes(index, receiver, namespace, date);
  if (hit.length > 0) return { routes: hit, trace };
  if (climb) {
    trace += ',(parent)';
    for (const parent of hsaAncestors(index, receiver)) {
      trace += ',' + parent;
      hit = validRoutes(index, parent, namespace, date);
      if (hit.length > 0) return { routes: hit, trace };
    }
  }
  trace += ',(default),*';
  return { routes: validRoutes(index, '*', namespace, date), trace };
}

export interface PermissionLookup {
  allowed: boolean;
  trace: string;
}

/** anropsbehörighet: `VG#VE` (≤ 2 parts, allow-listed), else exact, `*`, then the HSA climb. */
export function checkPermission(
  index: CatalogueIndex,
  sender: string,
  receiver: string,
  namespace: string,
  date: IsoDate,
  opts: DefaultRoutingOptions = DEFAULT_ROUTING,
  climb = true,
): PermissionLookup {
  const parts = defaultRoutingParts(receiver, opts);
  if (parts) {
    let trace = '';
    if (
      parts.length <= 2 &&
      (opts.allowedContracts.length === 0 || opts.allowedContracts.includes(namespace.toLowerCase())) &&
      (opts.allowedSenders.length === 0 || opts.allowedSenders.includes(sender.toLowerCase()))
    ) {
      for (let i = 0; i < parts.length; i++) {
        trace = i === 0 ? parts[i]! : trace + ',' + parts[i]!;
        if (permitted(index, parts[i]!, sender, namespace, date)) return { allowed: true, trace };
      }
    }
    return { allowed: false, trace };
  }
  let trace = receiver;
  if (permitted(index, receiver, sender, namespace, date)) return { allowed: true, trace };
  trace += ',(default),*';
  if (permitted(index, '*', sender, namespace, date)) return { allowed: true, trace };
  if (climb) {
    trace += ',(parent)';
    for (const parent of hsaAncestors(index, receiver)) {
      trace += ',' + parent;
      if (permitted(index, parent, sender, namespace, date)) return { allowed: true, trace };
    }
  }
  return { allowed: false, trace };
}

/**
 * The aggregating services' check (engagement-index-and-aggregation.md, AgP step 3): a permission for this
 * sender at the address or `*`, no HSA climb.
 */
export function mayCall(index: CatalogueIndex, sender: string, logicalAddress: string, namespace: string, date: IsoDate): boolean {
  return permitted(index, logicalAddress, sender, namespace, date) || permitted(index, '*', sender, namespace, date);
}

/** A valid route exists at the address or `*` (no HSA climb), as the aggregating services check. */
export function hasRoute(index: CatalogueIndex, logicalAddress: string, namespace: string, date: IsoDate): boolean {
  return validRoutes(index, logicalAddress, namespace, date).length > 0 || validRoutes(index, '*', namespace, date).length > 0;
}
