/**
 * The catalogue service with its heavy jobs in a worker thread: bulk orders (dry runs too), publishes,
 * rollbacks and loading a version's snapshot. They run there with the same code (and so the same
 * all-or-nothing transactions, revision check, audit, validation messages and reports) on the same SQLite
 * file, while the main thread keeps routing calls: on one event loop a 20,000-row dry run held every call for
 * about a second (docs/tak.md "Where the work runs"). Small edits stay on the main thread.
 */
import { TakService } from './service.js';
import { JobThread } from './job-thread.js';
import type { OrderReport } from './order.js';
import type { CatalogueSnapshot } from './snapshot.js';
import type { TakStore, VersionInfo } from './store.js';

export class OffThreadTakService extends TakService {
  readonly jobs: JobThread;

  /** `dbFile`: the file `store` works on (a worker cannot share an in-memory database). */
  constructor(store: TakStore, dbFile: string) {
    super(store);
    this.jobs = new JobThread(dbFile);
  }

  override async order(input: unknown, opts: { dryRun: boolean; user: string }): Promise<OrderReport & { dryRun: boolean }> {
    const { changes, ...report } = await this.jobs.run({ job: 'order', input, dryRun: opts.dryRun, user: opts.user });
    return { ...report, changes: await this.jobs.list(changes) };
  }

  override async publish(user: string, comment = ''): Promise<VersionInfo> {
    const { info, snapshot } = await this.jobs.run({ job: 'publish', user, comment });
    await this.changed(await this.jobs.snapshot(snapshot));
    return info;
  }

  override async rollback(user: string): Promise<{ removed: VersionInfo; active: VersionInfo | undefined }> {
    const { snapshot, ...result } = await this.jobs.run({ job: 'rollback', user });
    await this.changed(await this.jobs.snapshot(snapshot));
    return result;
  }

  override async latestSnapshot(): Promise<CatalogueSnapshot | undefined> {
    const ref = await this.jobs.run({ job: 'latestSnapshot' });
    return ref && this.jobs.snapshot(ref);
  }

  override async close(): Promise<void> {
    await this.jobs.close();
  }
}
