/**
 * An editable copy of the working catalogue. Edits (REST, CLI, orders) change the draft; validation reads it;
 * the store then writes the changed rows in one transaction, or nothing at all.
 */
import { KINDS, type Kind, type RowsByKind, type WorkingData, type WorkingRow } from './model.js';

/** The natural key of each kind; several non-deleted rows may share a key only for routes and permissions. */
export const KEY_OF: { [K in Kind]: (row: RowsByKind[K]) => string } = {
  component: (r) => r.hsaId.toUpperCase(),
  contract: (r) => r.namespace,
  logicalAddress: (r) => r.hsaId.toUpperCase(),
  rivProfile: (r) => r.name.toUpperCase(),
  callAddress: (r) => `${r.componentId}|${r.profileId}|${r.url}`,
  route: (r) => `${r.logicalAddressId}|${r.contractId}`,
  permission: (r) => `${r.consumerId}|${r.logicalAddressId}|${r.contractId}`,
  hsaUnit: (r) => r.hsaId.toUpperCase(),
  formatMapping: (r) => `${r.logicalAddressId}|${r.contractId}`,
};

type Tables = { [K in Kind]: Map<number, WorkingRow<K>> };
type Indexes = { [K in Kind]: Map<string, number[]> };

/** What a draft changed, per kind: whole rows (soft-deleted ones have `deleted: true`). */
export type ChangeSet = { [K in Kind]: WorkingRow<K>[] };

function perKind<T>(make: () => T): { [K in Kind]: T } {
  return Object.fromEntries(KINDS.map((k) => [k, make()])) as { [K in Kind]: T };
}

export class Draft {
  private readonly tables: Tables;
  private readonly index: Indexes = perKind(() => new Map<string, number[]>()) as Indexes;
  private readonly nextId: Record<Kind, number>;
  private readonly changedIds = perKind(() => new Set<number>());
  private readonly createdIds = perKind(() => new Set<number>());
  /** how problems name a row that came from an input row, e.g. `inkludera.vagval[2]` */
  private readonly labels = new Map<string, string>();
  readonly stamp: string;

  constructor(data: WorkingData, readonly user: string, now: Date = new Date()) {
    this.stamp = now.toISOString();
    this.tables = perKind(() => new Map()) as Tables;
    this.nextId = perKind(() => 1);
    for (const k of KINDS) {
      for (const row of data[k] as WorkingRow<Kind>[]) {
        (this.tables[k] as Map<number, WorkingRow<Kind>>).set(row.id, row);
        if (row.id >= this.nextId[k]) this.nextId[k] = row.id + 1;
        if (!row.deleted) this.addToIndex(k, row);
      }
    }
  }

  private addToIndex<K extends Kind>(kind: K, row: RowsByKind[K]): void {
    const key = KEY_OF[kind](row);
    const ids = this.index[kind].get(key);
    if (ids) ids.push(row.id);
    else this.index[kind].set(key, [row.id]);
  }

  private dropFromIndex<K extends Kind>(kind: K, row: RowsByKind[K]): void {
    const key = KEY_OF[kind](row);
    const ids = this.index[kind].get(key)?.filter((id) => id !== row.id) ?? [];
    if (ids.length > 0) this.index[kind].set(key, ids);
    else this.index[kind].delete(key);
  }

  get<K extends Kind>(kind: K, id: number): WorkingRow<K> | undefined {
    return this.tables[kind].get(id) as WorkingRow<K> | undefined;
  }

  /** Non-deleted rows with this natural key (see KEY_OF). */
  byKey<K extends Kind>(kind: K, key: string): WorkingRow<K>[] {
    return (this.index[kind].get(key) ?? []).map((id) => this.tables[kind].get(id) as WorkingRow<K>);
  }

  /** Non-deleted rows of a kind. */
  live<K extends Kind>(kind: K): WorkingRow<K>[] {
    return [...(this.tables[kind].values() as Iterable<WorkingRow<K>>)].filter((r) => !r.deleted);
  }

  /** Adds a row; `id` only when importing rows that keep their ids. */
  insert<K extends Kind>(kind: K, fields: Omit<RowsByKind[K], 'id'>, label?: string, id: number = this.nextId[kind]): WorkingRow<K> {
    this.nextId[kind] = Math.max(this.nextId[kind], id + 1);
    const row = { ...fields, id, updatedBy: this.user, updatedTime: this.stamp, deleted: false } as unknown as WorkingRow<K>;
    (this.tables[kind] as Map<number, WorkingRow<K>>).set(id, row);
    this.addToIndex(kind, row);
    this.changedIds[kind].add(id);
    this.createdIds[kind].add(id);
    if (label) this.labels.set(`${kind}:${id}`, label);
    return row;
  }

  update<K extends Kind>(kind: K, id: number, patch: Partial<RowsByKind[K]>, label?: string): WorkingRow<K> {
    const old = this.get(kind, id);
    if (!old || old.deleted) throw new Error(`${kind} ${id} does not exist`);
    this.dropFromIndex(kind, old);
    const row = { ...old, ...patch, id, updatedBy: this.user, updatedTime: this.stamp } as WorkingRow<K>;
    (this.tables[kind] as Map<number, WorkingRow<K>>).set(id, row);
    this.addToIndex(kind, row);
    this.changedIds[kind].add(id);
    if (label) this.labels.set(`${kind}:${id}`, label);
    return row;
  }

  /** Soft delete (docs/tak.md, "Data model"); a row created in this draft simply disappears. */
  remove<K extends Kind>(kind: K, id: number, label?: string): void {
    const old = this.update(kind, id, {}, label);
    this.dropFromIndex(kind, old);
    if (this.createdIds[kind].has(id)) {
      this.tables[kind].delete(id);
      this.changedIds[kind].delete(id);
      return;
    }
    old.deleted = true;
  }

  label(kind: Kind, id: number): string | undefined {
    return this.labels.get(`${kind}:${id}`);
  }

  /** Rows changed in this draft, per kind. */
  changes(): ChangeSet {
    return Object.fromEntries(KINDS.map((k) => [k, this.changed(k)])) as ChangeSet;
  }

  /** Every row, deleted ones included. */
  all(): WorkingData {
    return Object.fromEntries(KINDS.map((k) => [k, [...this.tables[k].values()]])) as unknown as WorkingData;
  }

  changed<K extends Kind>(kind: K): WorkingRow<K>[] {
    return [...this.changedIds[kind]].map((id) => this.tables[kind].get(id) as WorkingRow<K>);
  }

  isChanged(kind: Kind, id: number): boolean {
    return this.changedIds[kind].has(id);
  }

  wasCreated(kind: Kind, id: number): boolean {
    return this.createdIds[kind].has(id);
  }

  changeCount(): number {
    return KINDS.reduce((n, k) => n + this.changedIds[k].size, 0);
  }
}
