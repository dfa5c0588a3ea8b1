import type { CatalogueSource } from '../tak/snapshot.js';
import { compileCatalogue, compileCatalogueInSlices, hasRoute, mayCall, type CatalogueIndex } from '../vp/index.js';

/**
 * The hub's compiled catalogue index, recompiled once per catalogue switch in slices as the hub does its own
 * (a catalogue of 200,000 entries compiled at once held routed calls for a few hundred milliseconds): calls keep
 * the old index until the new one is whole, and only the newest snapshot is swapped in.
 */
export interface CompiledCatalogue {
  current(): CatalogueIndex | undefined;
  close(): void;
}

export function compiledCatalogue(source: CatalogueSource): CompiledCatalogue {
  let index = source.current() && compileCatalogue(source.current()!);
  let switches = 0;
  const unsubscribe = source.subscribe((snapshot) => {
    const mine = ++switches;
    return compileCatalogueInSlices(snapshot, (compiled) => (index = compiled), () => mine === switches);
  });
  return { current: () => index, close: unsubscribe };
}

/**
 * The catalogue filter (docs/agp.md, "Flow" step 4): the sender or the original consumer has a permission at the
 * address or `*` (no HSA climb), and a route exists there or at `*`. Without it the hub would answer VP007.
 */
export function mayFanOutTo(index: CatalogueIndex, consumers: readonly string[], address: string, namespace: string, today: string): boolean {
  return consumers.some((c) => mayCall(index, c, address, namespace, today)) && hasRoute(index, address, namespace, today);
}
