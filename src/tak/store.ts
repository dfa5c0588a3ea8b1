/**
 * Where the catalogue lives. The SQLite store is the only implementation today; a PostgreSQL one (several
 * platform instances on one catalogue) fills the same interface. Every method is one atomic step: it
 * happens completely or not at all.
 */
import type { CatalogueData, WorkingData } from './model.js';
import type { ChangeSet } from './draft.js';

/** A published version (PubVersion) without its data. */
export interface VersionInfo {
  id: number;
  time: string;
  author: string;
  comment: string;
  /** bytes of the compressed blob (storlek) */
  size: number;
  routes: number;
  permissions: number;
}

export interface StoredVersion extends VersionInfo {
  data: CatalogueData;
}

/** One row change: who, when, what (kept after publishing, when the row's own marker is cleared). */
export interface AuditEntry {
  time: string;
  user: string;
  action: 'create' | 'update' | 'delete' | 'import' | 'publish' | 'rollback';
  kind: string;
  rowId: number | null;
  summary: string;
}

export interface TakStore {
  /** All rows including soft-deleted ones; `revision` counts writes (optimistic locking). */
  readWorking(): Promise<{ revision: number; data: WorkingData }>;
  /** The count of writes so far: a cheap check whether the working rows changed (in any process). */
  workingRevision(): Promise<number>;
  /** Writes a draft's changes; TAK_ERR_CONFLICT if anyone wrote since `baseRevision`. */
  write(changes: ChangeSet, user: string, baseRevision: number, created: (kind: string, id: number) => boolean): Promise<void>;
  /** Replaces every row by the given rows, pending marks as given (snapshot import). */
  replaceWorking(rows: WorkingData, user: string): Promise<void>;
  pendingCount(): Promise<number>;
  /** Stores the live rows as version latest+1 and clears the pending markers; TAK_ERR_NOTHING_TO_PUBLISH if none. */
  publish(author: string, comment: string): Promise<StoredVersion>;
  /** Deletes the latest version and reverts the rows to the one before; refuses with pending changes. */
  rollbackLatest(author: string): Promise<{ removed: VersionInfo; active: StoredVersion | undefined }>;
  latestVersionId(): Promise<number | undefined>;
  version(id: number): Promise<StoredVersion | undefined>;
  versions(): Promise<VersionInfo[]>;
  audit(limit: number): Promise<AuditEntry[]>;
  /**
   * Runs `work` while no other instance on the same database runs its own `exclusively` work: instances that
   * start together seed the catalogue and route their built-in services one after the other, each seeing what
   * the one before wrote. Edits inside `work` go through the store as usual.
   */
  exclusively<T>(work: () => Promise<T>): Promise<T>;
}
