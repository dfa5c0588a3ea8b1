/**
 * Where a hub's catalogue comes from: the file `vp.takOrder` names (the hub's catalogue for the whole run:
 * versions the catalogue component publishes later, its demo seed and built-in routes, do not replace it;
 * docs/vp.md), else every snapshot the platform's catalogue source publishes.
 */
import type { PlatformContext } from '../platform/context.js';
import type { CatalogueSnapshot } from '../tak/snapshot.js';
import { readHsaFile, readOrderFile } from './catalogue-file.js';

export interface CatalogueTarget {
  /** the first catalogue, compiled at once */
  activate(snapshot: CatalogueSnapshot): void;
  /** a newer one, compiled in slices while calls go on */
  switchTo(snapshot: CatalogueSnapshot): Promise<void>;
}

/** Feeds the target its catalogue; returns the unsubscribe. */
export function followCatalogue(ctx: PlatformContext, target: CatalogueTarget): () => void {
  const takOrder = ctx.settings['vp.takOrder'] as string;
  if (takOrder) {
    const hsaFile = ctx.settings['vp.hsaFile'] as string;
    const fromFile = readOrderFile(takOrder, hsaFile ? readHsaFile(hsaFile) : []);
    target.activate(fromFile);
    void ctx.catalogue.set(fromFile);
    return () => undefined;
  }
  const unsubscribe = ctx.catalogue.subscribe((s) => target.switchTo(s));
  const current = ctx.catalogue.current();
  if (current) target.activate(current);
  return unsubscribe;
}
