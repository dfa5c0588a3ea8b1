/** What both stores write besides the rows: audit entries, a new version's record, the rows a rollback goes back to. */
import { DEFAULT_PROFILES, KINDS, emptyData, type CatalogueData, type Kind, type WorkingData, type WorkingRow } from './model.js';
import type { ChangeSet } from './draft.js';
import { encodeData, liveData } from './published-data.js';
import { unmarked } from './import-marks.js';
import type { AuditEntry, StoredVersion, VersionInfo } from './store.js';

/** One entry per changed row, its fields as JSON. */
export function changeEntries(changes: ChangeSet, user: string, created: (kind: string, id: number) => boolean): AuditEntry[] {
  const time = new Date().toISOString();
  const audit: AuditEntry[] = [];
  for (const k of KINDS) {
    for (const row of changes[k] as WorkingRow<Kind>[]) {
      const { updatedBy: _b, updatedTime: _t, deleted: _d, ...fields } = row;
      audit.push({ time, user, action: row.deleted ? 'delete' : created(k, row.id) ? 'create' : 'update', kind: k, rowId: row.id, summary: JSON.stringify(fields) });
    }
  }
  return audit;
}

export function importEntry(rows: WorkingData, user: string): AuditEntry {
  const live = liveData(rows);
  return { time: new Date().toISOString(), user, action: 'import', kind: 'catalogue', rowId: null, summary: KINDS.map((k) => `${k}: ${live[k].length}`).join(', ') };
}

/** The working rows after a rollback: the version before, or an empty catalogue with the default profiles. */
export function rolledBackRows(active: StoredVersion | undefined): WorkingData {
  const base = active?.data ?? emptyData();
  if (!active) base.rivProfile = DEFAULT_PROFILES.map((p, i) => ({ ...p, id: i + 1 }));
  return unmarked(base);
}

export function rollbackEntry(author: string, removedId: number, active: StoredVersion | undefined): AuditEntry {
  return { time: new Date().toISOString(), user: author, action: 'rollback', kind: 'version', rowId: removedId, summary: `back to ${active?.id ?? 'no version'}` };
}

/** Version `id` of the live rows: its record, its blob, and the audit entry of the publish. */
export function newVersion(id: number, author: string, comment: string, data: CatalogueData): { info: VersionInfo; blob: Buffer; entry: AuditEntry } {
  const blob = encodeData(data);
  const info: VersionInfo = { id, time: new Date().toISOString(), author, comment, size: blob.length, routes: data.route.length, permissions: data.permission.length };
  return { info, blob, entry: { time: info.time, user: author, action: 'publish', kind: 'version', rowId: id, summary: comment } };
}
