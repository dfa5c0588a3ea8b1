import type { Db } from '../../store/database.js';
import type { CatalogueSnapshot } from '../../tak/snapshot.js';
import { isIsoDate } from '../../tak/dates.js';
import { localToday } from '../../shared/local-time.js';
import type { ContractsService } from '../contracts-service.js';
import { contractVersions, parseNamespace, type ContractVersion } from './contract-versions.js';
import { PublicationDateStore } from './date-store.js';
import { CALLED_WITHIN_DAYS, lifecycleReport, type SystemReport } from './report.js';
import { systemUsage } from './system-usage.js';
import { UsageStore } from './usage-store.js';

export class LifecycleError extends Error {
  constructor(
    readonly code: 'NTJP_ERR_LIFECYCLE_DATE' | 'NTJP_ERR_LIFECYCLE_CONTRACT' | 'NTJP_ERR_LIFECYCLE_SYSTEM',
    message: string,
  ) {
    super(message);
  }
}

export interface LifecycleServiceOptions {
  db: Db;
  contracts: ContractsService;
  /** the published catalogue (the running platform's, or the latest version read from the database) */
  catalogue: () => CatalogueSnapshot | undefined;
  clock?: () => Date;
}

function checkedDate(published: unknown): string {
  if (!isIsoDate(published)) throw new LifecycleError('NTJP_ERR_LIFECYCLE_DATE', `publication date ${JSON.stringify(published)} is not a date YYYY-MM-DD`);
  return published;
}

/** Contract versions with their publication dates, usage per system and the migration report over them. */
export class LifecycleService {
  readonly usage: UsageStore;
  readonly dates: PublicationDateStore;
  private readonly contracts: ContractsService;
  private readonly catalogue: () => CatalogueSnapshot | undefined;
  private readonly clock: () => Date;
  private cached: Map<string, ContractVersion> | undefined;

  constructor(opts: LifecycleServiceOptions) {
    this.clock = opts.clock ?? (() => new Date());
    this.usage = new UsageStore(opts.db, this.clock);
    this.dates = new PublicationDateStore(opts.db, this.clock);
    this.contracts = opts.contracts;
    this.catalogue = opts.catalogue;
  }

  today(): string {
    return localToday(this.clock());
  }

  /** Every known contract version by namespace; read from files once, again after an import or a correction. */
  versions(): Map<string, ContractVersion> {
    this.cached ??= contractVersions({
      descriptors: this.contracts.catalogue.values(),
      imported: this.contracts.importedWsdls(),
      releaseDates: this.dates.releaseDates(),
      corrections: this.dates.corrections(),
    });
    return this.cached;
  }

  /** Call after importing releases: their files and dates are read again. */
  invalidate(): void {
    this.cached = undefined;
  }

  /** The date `--published` gives the imported releases where their own files state none. */
  recordReleaseDate(releases: Array<{ domain: string; version: string }>, published: string, user: string): void {
    const date = checkedDate(published);
    for (const r of releases) this.dates.setReleaseDate(r.domain, r.version, date, user);
    this.invalidate();
  }

  /** The operator's correction of one contract major's publication date; it wins over every other source. */
  correct(namespace: string, published: unknown, user: string): ContractVersion {
    const date = checkedDate(published);
    if (!parseNamespace(namespace)) throw new LifecycleError('NTJP_ERR_LIFECYCLE_CONTRACT', `${namespace} is not a Responder namespace urn:riv:<domain>:<Interaction>Responder:<major>`);
    this.dates.correct(namespace, date, user);
    this.invalidate();
    return this.versions().get(namespace)!;
  }

  /** Every system of the catalogue, most urgent first; calls not yet written while another connection writes count later. */
  report(): SystemReport[] {
    this.usage.flush({ waitForLock: false });
    const today = this.today();
    return lifecycleReport({ today, versions: this.versions(), usage: systemUsage(this.catalogue(), this.usage.calledWithin(CALLED_WITHIN_DAYS), today) });
  }

  system(hsaId: string): SystemReport {
    const found = this.report().find((s) => s.system === hsaId.toUpperCase());
    if (!found) throw new LifecycleError('NTJP_ERR_LIFECYCLE_SYSTEM', `${hsaId} is neither producer nor consumer in the published catalogue`);
    return found;
  }
}
