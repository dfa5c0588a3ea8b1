import type { CatalogueSource } from '../tak/snapshot.js';
import { compileCatalogue, hasRoute, mayCall, type CatalogueIndex } from '../vp/index.js';

/** The hub's compiled catalogue index, recompiled once per catalogue switch. */
export interface CompiledCatalogue {
  current(): CatalogueIndex | undefined;
  close(): void;
}

export function compiledCatalogue(source: CatalogueSource): CompiledCatalogue {
  let index = source.current() && compileCatalogue(source.current()!);
  const unsubscribe = source.subscribe((snapshot) => (index = compileCatalogue(snapshot)));
  return { current: () => index, close: unsubscribe };
}

/**
 * The catalogue filter (docs/agp.md, "Flow" step 4): the sender or the original consumer has a permission at the
 * address or `*` (no HSA climb), and a route exists there or at `*`. Without it the hub would answer VP007.
 */
export function mayFanOutTo(index: CatalogueIndex, consumers: readonly string[], address: string, namespace: string, today: string): boolean {
  return consumers.some((c) => mayCall(index, c, address, namespace, today)) && hasRoute(index, address, namespace, today);
}
