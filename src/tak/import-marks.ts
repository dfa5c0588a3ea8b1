/**
 * An imported export as working rows, marked pending only where it differs from the latest published version:
 * importing an unchanged export leaves nothing pending (the diff is empty, so there is nothing to publish).
 */
import { KINDS, emptyWorking, type CatalogueData, type Kind, type WorkingData, type WorkingRow } from './model.js';

/** JSON with object keys sorted, so a hand-edited export with fields in another order still compares equal. */
const canonical = (row: object): string =>
  JSON.stringify(row, (_k, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => a.localeCompare(b))) : v));

/**
 * Each imported row: unmarked when the published version holds the same row under its id, else pending by
 * `user`; a published row the import leaves out stays as a pending deletion, so publish removes it.
 */
export function markImported(imported: CatalogueData, published: CatalogueData | undefined, user: string, time: string): WorkingData {
  const out = emptyWorking();
  const pending = { updatedBy: user, updatedTime: time, deleted: false };
  for (const k of KINDS) {
    const before = new Map((published?.[k] ?? []).map((r) => [r.id, canonical(r)]));
    const rows: WorkingRow<Kind>[] = [];
    for (const r of imported[k]) {
      const same = before.get(r.id) === canonical(r);
      before.delete(r.id);
      rows.push({ ...r, ...(same ? { updatedBy: null, updatedTime: null, deleted: false } : pending) } as WorkingRow<Kind>);
    }
    for (const r of published?.[k] ?? []) if (before.has(r.id)) rows.push({ ...r, ...pending, deleted: true } as WorkingRow<Kind>);
    (out[k] as WorkingRow<Kind>[]) = rows;
  }
  return out;
}

/** Published rows as working rows without pending marks (after a rollback). */
export function unmarked(data: CatalogueData): WorkingData {
  const out = emptyWorking();
  for (const k of KINDS) (out[k] as WorkingRow<Kind>[]) = data[k].map((r) => ({ ...r, updatedBy: null, updatedTime: null, deleted: false }) as WorkingRow<Kind>);
  return out;
}
