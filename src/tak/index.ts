/** The catalogue's public API for other components and commands. */
import { readFileSync } from 'node:fs';
import { Draft } from './draft.js';
import { DEFAULT_PROFILES, emptyWorking } from './model.js';
import { applyOrder, parseOrder } from './order.js';
import { liveData } from './published-data.js';
import { toSnapshot } from './to-snapshot.js';
import { validateDraft } from './validation.js';
import { rejectIfProblems } from './errors.js';
import type { CatalogueSnapshot, HsaUnit } from './snapshot.js';

export { takComponent } from './component.js';
export { TakService } from './service.js';
export { SqliteTakStore } from './store-sqlite.js';
export { PgTakStore } from './store-postgres.js';
export { openTakStore } from './open-store.js';
export { TakError } from './errors.js';
export { takSettings } from './settings.js';
export type { TakStore, VersionInfo, StoredVersion } from './store.js';
export type { OrderReport } from './order.js';
export { lookupIn, nameField, withNames, type RowLookup } from './row-names.js';

/** Applies a bulk order to an empty in-memory catalogue (same engine and validation as the store). */
export function snapshotFromOrder(order: unknown, hsaUnits: HsaUnit[] = []): CatalogueSnapshot {
  const working = emptyWorking();
  working.rivProfile = DEFAULT_PROFILES.map((p, i) => ({ ...p, id: i + 1, updatedBy: null, updatedTime: null, deleted: false }));
  const draft = new Draft(working, 'file');
  const { order: parsed, problems } = parseOrder(order);
  rejectIfProblems(problems);
  applyOrder(draft, parsed!, problems);
  hsaUnits.forEach((u) => draft.insert('hsaUnit', { hsaId: u.hsaId.toUpperCase(), parent: u.parent?.toUpperCase() ?? null, name: u.name ?? null }));
  rejectIfProblems([...problems, ...validateDraft(draft)]);
  return toSnapshot(liveData(draft.all()), 0, new Date().toISOString());
}

/** `ntjp serve --tak-order <file>`: the order file read and applied as above. */
export function snapshotFromOrderFile(path: string, hsaUnits: HsaUnit[] = []): CatalogueSnapshot {
  return snapshotFromOrder(JSON.parse(readFileSync(path, 'utf8')) as unknown, hsaUnits);
}
