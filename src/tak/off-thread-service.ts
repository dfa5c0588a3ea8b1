/**
 * The catalogue service with its heavy jobs in a worker thread: bulk orders (dry runs too), publishes,
 * rollbacks and loading a version's snapshot. They run there with the same code (and so the same
 * all-or-nothing transactions, revision check, audit, validation messages and reports) on the same database
 * (SQLite file or PostgreSQL), while the main thread keeps routing calls: on one event loop a 20,000-row dry
 * run held every call for about a second (docs/tak.md "Where the work runs"). Single-row edits run there too:
 * each reads and validates the whole working catalogue. So do the reads whose answers grow with the catalogue
 * (a version, a diff, the snapshot, an export), which the worker also serializes, and the pages of named rows;
 * the other reads stay on the main thread.
 */
import { TakService, type ReadName } from './service.js';
import { JobThread } from './job-thread.js';
import type { OrderReport } from './order.js';
import type { OrderAnswer } from './order-answer.js';
import type { EditMethod } from './job-protocol.js';
import type { Input } from './entity-inputs.js';
import type { Kind, WorkingRow } from './model.js';
import type { NamedRow } from './named-rows.js';
import type { RowPage, RowQuery } from '../shared/row-page.js';
import type { CatalogueSnapshot, HsaUnit } from './snapshot.js';
import type { TakStore, VersionInfo } from './store.js';
import type { DatabaseTarget } from '../store/database-target.js';

export class OffThreadTakService extends TakService {
  readonly jobs: JobThread;
  /**
   * Switches (publish, rollback, following the newest version) one after another: a version published here
   * is committed before this process has switched to it, and the poll must not load it a second time.
   */
  private switching: Promise<unknown> = Promise.resolve();

  /** `target`: the database `store` works on (a worker cannot share an in-memory SQLite database). */
  constructor(store: TakStore, target: DatabaseTarget) {
    super(store);
    this.jobs = new JobThread(target);
  }

  private editInWorker<T>(method: EditMethod, args: unknown[]): Promise<T> {
    return this.jobs.run({ job: 'edit', method, args }) as Promise<T>;
  }

  override add<K extends Kind>(kind: K, input: Input, user: string): Promise<WorkingRow<K>> {
    return this.editInWorker('add', [kind, input, user]);
  }

  override end(kind: Kind, id: number, user: string, to?: string): Promise<WorkingRow<Kind>> {
    return this.editInWorker('end', [kind, id, user, to]);
  }

  override remove(kind: Kind, id: number, user: string): Promise<void> {
    return this.editInWorker('remove', [kind, id, user]);
  }

  override importHsa(units: HsaUnit[], user: string): Promise<number> {
    return this.editInWorker('importHsa', [units, user]);
  }

  override importData(input: unknown, user: string): Promise<void> {
    return this.editInWorker('importData', [input, user]);
  }

  override async order(input: unknown, opts: { dryRun: boolean; user: string }): Promise<OrderReport & { dryRun: boolean }> {
    const report = await this.jobs.run({ job: 'order', input, dryRun: opts.dryRun, user: opts.user });
    return { ...report, changes: await this.jobs.list(report.changes) };
  }

  /** The body moves to the worker: a Buffer that shares its memory with others is copied first. */
  override orderAnswer(body: Uint8Array | undefined, opts: { dryRun: boolean; user: string }): Promise<OrderAnswer> {
    const own = body && (body.byteOffset === 0 && body.byteLength === body.buffer.byteLength ? body : new Uint8Array(body));
    return this.jobs.run({ job: 'orderAnswer', body: own, ...opts });
  }

  /** Naming the rows reads the whole working catalogue (seconds at 300,000 rows) after every change. */
  override table(kind: Kind, query: RowQuery): Promise<RowPage<NamedRow>> {
    return this.jobs.run({ job: 'table', kind, query });
  }

  override async readJson(read: ReadName, args: readonly unknown[]): Promise<Uint8Array> {
    return (await this.jobs.run({ job: 'readJson', read, args: [...args] })).bytes;
  }

  private oneSwitchAtATime<T>(run: () => Promise<T>): Promise<T> {
    const result = this.switching.then(run);
    this.switching = result.catch(() => undefined);
    return result;
  }

  override publish(user: string, comment = ''): Promise<VersionInfo> {
    return this.oneSwitchAtATime(async () => {
      const { info, snapshot } = await this.jobs.run({ job: 'publish', user, comment });
      await this.changed(await this.jobs.snapshot(snapshot));
      return info;
    });
  }

  override rollback(user: string): Promise<{ removed: VersionInfo; active: VersionInfo | undefined }> {
    return this.oneSwitchAtATime(async () => {
      const { snapshot, ...result } = await this.jobs.run({ job: 'rollback', user });
      await this.changed(await this.jobs.snapshot(snapshot));
      return result;
    });
  }

  override newerSnapshot(known: () => number | undefined): Promise<CatalogueSnapshot | undefined> {
    return this.oneSwitchAtATime(() => super.newerSnapshot(known));
  }

  override async latestSnapshot(): Promise<CatalogueSnapshot | undefined> {
    const ref = await this.jobs.run({ job: 'latestSnapshot' });
    return ref && this.jobs.snapshot(ref);
  }

  override async close(): Promise<void> {
    await this.jobs.close();
  }
}
