import type { StoreHost } from '../../store/store-host.js';
import type { CatalogueSnapshot } from '../../tak/snapshot.js';
import { isIsoDate } from '../../tak/dates.js';
import { localToday } from '../../shared/local-time.js';
import type { ContractsService } from '../contracts-service.js';
import { contractVersions, parseNamespace, type ContractVersion } from './contract-versions.js';
import type { PublicationDateStore } from './date-store.js';
import { openLifecycleStores } from './open-stores.js';
import { CALLED_WITHIN_DAYS, lifecycleReport, type SystemReport } from './report.js';
import { systemUsage } from './system-usage.js';
import type { UsageStore } from './usage-store.js';

export class LifecycleError extends Error {
  constructor(
    readonly code: 'NTJP_ERR_LIFECYCLE_DATE' | 'NTJP_ERR_LIFECYCLE_CONTRACT' | 'NTJP_ERR_LIFECYCLE_SYSTEM',
    message: string,
  ) {
    super(message);
  }
}

export interface LifecycleServiceOptions {
  /** where the usage counts and dates are kept (the platform's context, or the CLI's store flags) */
  host: StoreHost;
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

  private constructor(opts: LifecycleServiceOptions, stores: { usage: UsageStore; dates: PublicationDateStore }) {
    this.clock = opts.clock ?? (() => new Date());
    this.usage = stores.usage;
    this.dates = stores.dates;
    this.contracts = opts.contracts;
    this.catalogue = opts.catalogue;
  }

  static async open(opts: LifecycleServiceOptions): Promise<LifecycleService> {
    return new LifecycleService(opts, await openLifecycleStores(opts.host, opts.clock));
  }

  today(): string {
    return localToday(this.clock());
  }

  /**
   * Every known contract version by namespace, from the imported files and the stored dates; read at each
   * call, so a date given through another instance on the same database counts at once.
   */
  async versions(): Promise<Map<string, ContractVersion>> {
    const [releaseDates, corrections] = await Promise.all([this.dates.releaseDates(), this.dates.corrections()]);
    return contractVersions({ descriptors: this.contracts.catalogue.values(), imported: this.contracts.importedWsdls(), releaseDates, corrections });
  }

  /** The date `--published` gives the imported releases where their own files state none. */
  async recordReleaseDate(releases: Array<{ domain: string; version: string }>, published: string, user: string): Promise<void> {
    const date = checkedDate(published);
    for (const r of releases) await this.dates.setReleaseDate(r.domain, r.version, date, user);
  }

  /** The operator's correction of one contract major's publication date; it wins over every other source. */
  async correct(namespace: string, published: unknown, user: string): Promise<ContractVersion> {
    const date = checkedDate(published);
    if (!parseNamespace(namespace)) throw new LifecycleError('NTJP_ERR_LIFECYCLE_CONTRACT', `${namespace} is not a Responder namespace urn:riv:<domain>:<Interaction>Responder:<major>`);
    await this.dates.correct(namespace, date, user);
    return (await this.versions()).get(namespace)!;
  }

  /** Every system of the catalogue, most urgent first; calls not yet written while another connection writes count later. */
  async report(): Promise<SystemReport[]> {
    await this.usage.flush({ waitForLock: false });
    const today = this.today();
    const [versions, called] = await Promise.all([this.versions(), this.usage.calledWithin(CALLED_WITHIN_DAYS)]);
    return lifecycleReport({ today, versions, usage: systemUsage(this.catalogue(), called, today) });
  }

  async system(hsaId: string): Promise<SystemReport> {
    const found = (await this.report()).find((s) => s.system === hsaId.toUpperCase());
    if (!found) throw new LifecycleError('NTJP_ERR_LIFECYCLE_SYSTEM', `${hsaId} is neither producer nor consumer in the published catalogue`);
    return found;
  }
}
