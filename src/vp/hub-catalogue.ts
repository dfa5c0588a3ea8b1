/**
 * The catalogue one hub routes from: the compiled index of the newest snapshot it was given. A switch
 * compiles in slices: calls keep the old index until the new one is whole, and only the newest snapshot
 * given is swapped in. A file HSA tree (`vp.hsaFile`) applies to snapshots that bring none of their own.
 */
import type { Logger } from '../shared/log.js';
import type { CatalogueSnapshot, HsaUnit } from '../tak/snapshot.js';
import { compileCatalogue, compileCatalogueInSlices, type CatalogueIndex } from './catalogue-index.js';
import type { CatalogueLoad } from './status-report.js';

function withHsaUnits(snapshot: CatalogueSnapshot, units: HsaUnit[]): CatalogueSnapshot {
  return snapshot.hsaUnits.length > 0 || units.length === 0 ? snapshot : { ...snapshot, hsaUnits: units };
}

export class HubCatalogue {
  index: CatalogueIndex | undefined;
  lastLoad: CatalogueLoad | undefined;
  private switches = 0;

  constructor(
    private readonly hsaUnits: HsaUnit[],
    private readonly log: Logger,
    /** called after every swap (a worker reports its version to the main process) */
    private readonly onSwap: (index: CatalogueIndex, load: CatalogueLoad) => void = () => undefined,
  ) {}

  /** Compiles at once (start, a file catalogue). */
  activate(snapshot: CatalogueSnapshot): void {
    this.swap(compileCatalogue(withHsaUnits(snapshot, this.hsaUnits)));
  }

  /** Compiles in slices, then swaps, unless a newer snapshot came meanwhile. */
  switchTo(snapshot: CatalogueSnapshot): Promise<void> {
    const mine = ++this.switches;
    return compileCatalogueInSlices(withHsaUnits(snapshot, this.hsaUnits), (c) => this.swap(c), () => mine === this.switches);
  }

  private swap(compiled: CatalogueIndex): void {
    const hsaUnitsBefore = this.index?.hsaUnitCount ?? 0;
    this.index = compiled;
    this.lastLoad = { at: new Date(), routes: compiled.routeCount, permissions: compiled.permissionCount, hsaUnitsBefore, hsaUnits: compiled.hsaUnitCount };
    this.log.info('catalogue compiled', { version: compiled.version, routes: compiled.routeCount, permissions: compiled.permissionCount, hsaUnits: compiled.hsaUnitCount });
    this.onSwap(compiled, this.lastLoad);
  }
}
