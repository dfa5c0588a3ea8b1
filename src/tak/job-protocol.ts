/**
 * Messages between the catalogue's main thread and its job worker (job-worker.ts). Large lists (a
 * snapshot's routes, an order report's changes) stay in the worker and are fetched a slice at a time, so that
 * receiving them never holds the event loop for long: a list travels as a `ListRef`.
 */
import type { OrderReport } from './order.js';
import type { OrderAnswer } from './order-answer.js';
import type { ReadName } from './service.js';
import type { Kind } from './model.js';
import type { NamedRow } from './named-rows.js';
import type { RowPage, RowQuery } from '../shared/row-page.js';
import type { TakErrorCode } from './errors.js';
import type { CatalogueSnapshot } from './snapshot.js';
import type { VersionInfo } from './store.js';
import type { PackedSlice } from './packed-slice.js';

/** A list held by the worker until its last slice is fetched. */
export interface ListRef {
  list: number;
  length: number;
}

export type SnapshotRef = Omit<CatalogueSnapshot, 'routes' | 'permissions' | 'hsaUnits'> & { routes: ListRef; permissions: ListRef; hsaUnits: ListRef };

/** Edits whose answer is small: the worker calls the TakService method of that name with the arguments. */
export const EDIT_METHODS = ['add', 'end', 'remove', 'importHsa', 'importData'] as const;
export type EditMethod = (typeof EDIT_METHODS)[number];

export type JobRequest =
  | { job: 'edit'; method: EditMethod; args: unknown[] }
  | { job: 'order'; input: unknown; dryRun: boolean; user: string }
  /** an order's REST body (moved, not copied) to its answer's bytes (moved back) */
  | { job: 'orderAnswer'; body: Uint8Array | undefined; dryRun: boolean; user: string }
  /** a page of an entity's named rows (the worker keeps them per working revision) */
  | { job: 'table'; kind: Kind; query: RowQuery }
  /** a large read, answered as its JSON text's bytes (moved back) */
  | { job: 'readJson'; read: ReadName; args: unknown[] }
  | { job: 'publish'; user: string; comment: string }
  | { job: 'rollback'; user: string }
  | { job: 'latestSnapshot' }
  /** the next slice of a list */
  | { job: 'slice'; list: number };

export interface JobResults {
  edit: unknown;
  order: Omit<OrderReport, 'changes'> & { changes: ListRef; dryRun: boolean };
  orderAnswer: OrderAnswer;
  readJson: { bytes: Uint8Array };
  table: RowPage<NamedRow>;
  publish: { info: VersionInfo; snapshot: SnapshotRef };
  rollback: { removed: VersionInfo; active: VersionInfo | undefined; snapshot: SnapshotRef };
  latestSnapshot: SnapshotRef | undefined;
  slice: PackedSlice;
}

/** How an error crosses the thread boundary; the main thread throws it again as a TakError. */
export interface JobError {
  code: TakErrorCode;
  message: string;
  problems: string[];
}

export type JobReply = { id: number; value: unknown } | { id: number; error: JobError };

/** The memory a message may move to the other thread instead of copying: the `body` or `bytes` it carries. */
export function movable(message: unknown): ArrayBuffer[] {
  if (typeof message !== 'object' || message === null) return [];
  const { body, bytes } = message as { body?: unknown; bytes?: unknown };
  return [body, bytes].filter((b): b is Uint8Array => b instanceof Uint8Array).map((b) => b.buffer as ArrayBuffer);
}

/** Entries per slice: a slice's copy costs the main thread about a millisecond (bench/tak-publish-stall.ts). */
export const SLICE_ENTRIES = 500;
