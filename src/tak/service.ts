/**
 * The catalogue's operations, shared by the REST API, the CLI and the platform component. Each edit reads
 * the working rows, changes a draft, validates it and writes it in one step (or not at all).
 */
import { TakError, rejectIfProblems } from './errors.js';
import { Draft } from './draft.js';
import { DATED_KINDS, KINDS, emptyData, emptyWorking, type CatalogueData, type Kind, type WorkingRow } from './model.js';
import { addFromInput, type Input } from './entity-inputs.js';
import { applyOrder, parseOrder, type OrderProgress, type OrderReport } from './order.js';
import { validateDraft } from './validation.js';
import { answerOrder, type OrderAnswer } from './order-answer.js';
import { liveData } from './published-data.js';
import { markImported } from './import-marks.js';
import { toSnapshot } from './to-snapshot.js';
import { cutDiff, diffCatalogues, type CatalogueDiff, type DiffSide } from './diff.js';
import { addDays, isIsoDate } from './dates.js';
import { localToday } from '../shared/local-time.js';
import type { CatalogueSnapshot, HsaUnit } from './snapshot.js';
import type { StoredVersion, TakStore, VersionInfo } from './store.js';
import { namedRowSets, type NamedRow } from './named-rows.js';
import type { RowPage, RowQuery, RowSet } from '../shared/row-page.js';

export class TakService {
  private readonly listeners = new Set<(snapshot: CatalogueSnapshot) => void | Promise<void>>();
  /** the named rows of one working revision; read again when anyone (REST, CLI, another process) writes */
  private named: { revision: number; sets: Map<Kind, RowSet<NamedRow>> } | undefined;

  constructor(readonly store: TakStore) {}

  /**
   * Called with the new snapshot after a publish or rollback made by this process; the publish or rollback
   * returns once every listener has (a listener may return a promise, e.g. the hub compiling its index).
   */
  onChange(listener: (snapshot: CatalogueSnapshot) => void | Promise<void>): void {
    this.listeners.add(listener);
  }

  protected async changed(snapshot: CatalogueSnapshot): Promise<void> {
    await Promise.all([...this.listeners].map((l) => l(snapshot)));
  }

  /** Runs `edit` on a draft of the working rows; validates and writes unless `dryRun`. */
  private async edit<T>(user: string, dryRun: boolean, edit: (draft: Draft, problems: string[]) => T, progress: OrderProgress = () => undefined): Promise<T> {
    progress('reading the catalogue');
    const { revision, data } = await this.store.readWorking();
    const draft = new Draft(data, user);
    const problems: string[] = [];
    const result = edit(draft, problems);
    rejectIfProblems(problems);
    progress('checking the changes', 0, draft.changeCount());
    rejectIfProblems(validateDraft(draft));
    progress('writing the changes', 0, draft.changeCount());
    if (!dryRun && draft.changeCount() > 0) await this.store.write(draft.changes(), user, revision, (k, id) => draft.wasCreated(k as Kind, id));
    return result;
  }

  async list<K extends Kind>(kind: K, opts: { includeDeleted?: boolean } = {}): Promise<WorkingRow<K>[]> {
    const { data } = await this.store.readWorking();
    return (data[kind] as WorkingRow<K>[]).filter((r) => opts.includeDeleted || !r.deleted);
  }

  /** One page of a kind's live working rows with references named (a table in the console). */
  async table(kind: Kind, query: RowQuery): Promise<RowPage<NamedRow>> {
    if (this.named?.revision !== (await this.store.workingRevision())) {
      const { revision, data } = await this.store.readWorking();
      this.named = { revision, sets: namedRowSets(data) };
    }
    return this.named.sets.get(kind)!.page(query);
  }

  async add<K extends Kind>(kind: K, input: Input, user: string): Promise<WorkingRow<K>> {
    return this.edit(user, false, (draft, problems) => addFromInput(draft, kind, input, problems)!);
  }

  private existing<K extends Kind>(draft: Draft, kind: K, id: number): WorkingRow<K> {
    const row = draft.get(kind, id);
    if (!row || row.deleted) throw new TakError('TAK_ERR_NOT_FOUND', `There is no ${kind} with id ${id}.`);
    return row;
  }

  /** Ends a route or permission on `to` (default: yesterday, so it is no longer valid today). */
  async end(kind: Kind, id: number, user: string, to?: string): Promise<WorkingRow<Kind>> {
    if (!DATED_KINDS.has(kind)) throw new TakError('TAK_ERR_BAD_INPUT', `a ${kind} has no dates; delete it instead`);
    if (to !== undefined && !isIsoDate(to)) throw new TakError('TAK_ERR_BAD_INPUT', `to: '${to}' is not a date (YYYY-MM-DD)`);
    return this.edit(user, false, (draft) => {
      const row = this.existing(draft, kind as 'route', id);
      const end = to ?? addDays(localToday(), -1);
      if (end < row.from) throw new TakError('TAK_ERR_BAD_INPUT', `${kind} ${id} starts ${row.from}, after the end date ${end}; delete it instead`);
      return draft.update(kind as 'route', row.id, { to: end }) as WorkingRow<Kind>;
    });
  }

  async remove(kind: Kind, id: number, user: string): Promise<void> {
    await this.edit(user, false, (draft) => draft.remove(kind, this.existing(draft, kind, id).id));
  }

  /** Applies a bulk order, all or nothing; a dry run only reports. `progress` hears each step as it goes. */
  async order(input: unknown, opts: { dryRun: boolean; user: string; progress?: OrderProgress }): Promise<OrderReport & { dryRun: boolean }> {
    const { order, problems } = parseOrder(input);
    rejectIfProblems(problems);
    const report = await this.edit(opts.user, opts.dryRun, (draft, p) => applyOrder(draft, order!, p, opts.progress), opts.progress);
    return { ...report, dryRun: opts.dryRun };
  }

  /** A large read's answer as JSON text (UTF-8), for the REST API to send as it is. */
  async readJson(read: ReadName, args: readonly unknown[]): Promise<Uint8Array> {
    return new TextEncoder().encode(JSON.stringify(await (READS[read] as (s: TakService, ...a: readonly unknown[]) => Promise<unknown>)(this, ...args)));
  }

  /** Answers a bulk order's REST body (order-answer.ts). */
  orderAnswer(body: Uint8Array | undefined, opts: { dryRun: boolean; user: string }): Promise<OrderAnswer> {
    return answerOrder(body, opts.dryRun, (input) => this.order(input, opts));
  }

  /** Replaces the HSA tree (units with parents); published with the next version. */
  async importHsa(units: HsaUnit[], user: string): Promise<number> {
    return this.edit(user, false, (draft, problems) => {
      for (const u of draft.live('hsaUnit')) draft.remove('hsaUnit', u.id);
      units.forEach((u, i) => addFromInput(draft, 'hsaUnit', u as unknown as Input, problems) ?? problems.push(`unit ${i} (${u.hsaId})`));
      return units.length;
    });
  }

  async publish(user: string, comment = ''): Promise<VersionInfo> {
    const { data, ...info } = await this.store.publish(user, comment);
    await this.changed(toSnapshot(data, info.id, info.time));
    return info;
  }

  async rollback(user: string): Promise<{ removed: VersionInfo; active: VersionInfo | undefined }> {
    const { removed, active } = await this.store.rollbackLatest(user);
    await this.changed(active ? toSnapshot(active.data, active.id, active.time) : toSnapshot(emptyData(), 0, new Date().toISOString()));
    const { data: _d, ...activeInfo } = active ?? { data: undefined };
    return { removed, active: active ? (activeInfo as VersionInfo) : undefined };
  }

  /** Ends what the service runs besides the store (the store's database is the caller's to close). */
  async close(): Promise<void> {}

  versions(): Promise<VersionInfo[]> {
    return this.store.versions();
  }

  async version(id: number): Promise<StoredVersion> {
    const v = await this.store.version(id);
    if (!v) throw new TakError('TAK_ERR_NOT_FOUND', `There is no published version ${id}.`);
    return v;
  }

  async latest(): Promise<StoredVersion | undefined> {
    const id = await this.store.latestVersionId();
    return id === undefined ? undefined : this.store.version(id);
  }

  async latestSnapshot(): Promise<CatalogueSnapshot | undefined> {
    const v = await this.latest();
    return v ? toSnapshot(v.data, v.id, v.time) : undefined;
  }

  /**
   * The newest version's snapshot when it is not `known()` (how a platform follows publishes made elsewhere);
   * `known` is read just before the newest id.
   */
  async newerSnapshot(known: () => number | undefined): Promise<CatalogueSnapshot | undefined> {
    const id = await this.store.latestVersionId();
    return id === undefined || id === known() ? undefined : this.latestSnapshot();
  }

  /** What version `to` changed against `from` (default: the one before); without `to`, what a publish would change. */
  async diff(to?: number, from?: number): Promise<CatalogueDiff> {
    const side = (v: StoredVersion | undefined): DiffSide | undefined => v && { snapshot: toSnapshot(v.data, v.id, v.time), data: v.data };
    if (to === undefined) {
      const data = liveData((await this.store.readWorking()).data);
      return diffCatalogues(side(await this.latest()), { snapshot: toSnapshot(data, 0, ''), data }, 'pending');
    }
    const after = await this.version(to);
    const beforeId = from ?? (await this.versions()).filter((v) => v.id < to).pop()?.id;
    const before = beforeId === undefined ? undefined : await this.version(beforeId);
    return diffCatalogues(side(before), side(after)!, to);
  }

  /** Replaces the working rows by an exported catalogue after validating it whole; what differs from the latest version is pending. */
  async importData(input: unknown, user: string): Promise<void> {
    const data = input as CatalogueData;
    if (typeof input !== 'object' || input === null || data.formatVersion !== 1 || !KINDS.every((k) => Array.isArray(data[k]))) {
      throw new TakError('TAK_ERR_BAD_INPUT', `an export has formatVersion 1 and the lists ${KINDS.join(', ')}`);
    }
    const draft = new Draft(emptyWorking(), user);
    for (const k of KINDS) for (const row of data[k]) draft.insert(k, { ...row } as never, `${k} ${row.id}`, row.id);
    rejectIfProblems(validateDraft(draft));
    await this.store.replaceWorking(markImported(liveData(draft.changes()), (await this.latest())?.data, user, new Date().toISOString()), user);
  }
}

/**
 * The reads whose answers grow with the catalogue (a version of 200,000 rows is tens of megabytes of JSON):
 * the off-thread service runs them and serializes their answers in its worker.
 */
const READS = {
  version: (s: TakService, id: number) => s.version(id),
  diff: async (s: TakService, to?: number, from?: number, limit?: number) => {
    const diff = await s.diff(to, from);
    return limit === undefined ? diff : cutDiff(diff, limit);
  },
  snapshot: async (s: TakService) => (await s.latestSnapshot()) ?? { version: 0, routes: [], permissions: [], hsaUnits: [] },
  export: async (s: TakService, version?: number) => (version ? await s.version(version) : await s.latest())?.data ?? null,
};

export type ReadName = keyof typeof READS;
export const READ_NAMES = Object.keys(READS) as ReadName[];
