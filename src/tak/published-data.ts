/** The published blob of a version (PubVersion.data): gzip JSON of every live row. */
import { gunzipSync, gzipSync, constants } from 'node:zlib';
import { KINDS, emptyData, type CatalogueData, type Kind, type WorkingData, type WorkingRow } from './model.js';

/** Live rows without their pending markers. */
export function liveData(working: WorkingData): CatalogueData {
  const data = emptyData();
  for (const k of KINDS) {
    (data[k] as unknown[]) = (working[k] as WorkingRow<Kind>[]).filter((r) => !r.deleted).map(({ updatedBy: _b, updatedTime: _t, deleted: _d, ...row }) => row);
  }
  return data;
}

// Level 1: the blob is written once per publish, and publish time (docs/tak.md, "Performance") matters more than bytes.
export function encodeData(data: CatalogueData): Buffer {
  return gzipSync(JSON.stringify(data), { level: constants.Z_BEST_SPEED });
}

/** Versions published before a kind existed read it as empty. */
export function decodeData(blob: Buffer): CatalogueData {
  return { ...emptyData(), ...(JSON.parse(gunzipSync(blob).toString('utf8')) as CatalogueData) };
}
