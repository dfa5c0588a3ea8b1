/**
 * A catalogue snapshot on its way to the workers, as one message per SNAPSHOT_SLICE_ROWS rows: a worker
 * deserializes each message at once, and a snapshot of 100,000 routes and 100,000 permissions in one
 * message took its event loop more than a second, stalling the calls it serves. In slices the main process
 * yields between messages and a worker routes between them.
 */
import type { CatalogueSnapshot } from '../../tak/snapshot.js';

export const SNAPSHOT_SLICE_ROWS = 2000;
const ROW_FIELDS = ['routes', 'permissions', 'hsaUnits', 'formatMappings'] as const;
type RowField = (typeof ROW_FIELDS)[number];

export type SnapshotPart =
  /** the snapshot without its rows (its row lists empty; an absent list stays absent) */
  | { type: 'catalogue-head'; switchId: number; head: CatalogueSnapshot }
  | { type: 'catalogue-rows'; switchId: number; field: RowField; rows: unknown[] }
  | { type: 'catalogue-end'; switchId: number };

export function* snapshotParts(switchId: number, snapshot: CatalogueSnapshot): Generator<SnapshotPart> {
  const head = { ...snapshot };
  for (const f of ROW_FIELDS) if (head[f]) head[f] = [];
  yield { type: 'catalogue-head', switchId, head };
  for (const field of ROW_FIELDS) {
    const rows: readonly unknown[] = snapshot[field] ?? [];
    for (let i = 0; i < rows.length; i += SNAPSHOT_SLICE_ROWS) yield { type: 'catalogue-rows', switchId, field, rows: rows.slice(i, i + SNAPSHOT_SLICE_ROWS) };
  }
  yield { type: 'catalogue-end', switchId };
}

/** A worker's side: the snapshot of the switch begun last, once its end has come; parts of others are dropped. */
export class SnapshotAssembler {
  private building: { switchId: number; snapshot: CatalogueSnapshot } | undefined;

  add(part: SnapshotPart): CatalogueSnapshot | undefined {
    if (part.type === 'catalogue-head') {
      this.building = { switchId: part.switchId, snapshot: part.head };
      return undefined;
    }
    if (part.switchId !== this.building?.switchId) return undefined;
    if (part.type === 'catalogue-rows') {
      (this.building.snapshot[part.field] as unknown[]).push(...part.rows);
      return undefined;
    }
    const done = this.building.snapshot;
    this.building = undefined;
    return done;
  }
}
