/**
 * A catalogue from files for `ntjp serve --tak-order <file> [--hsa-file <file>]`: the bulk order is applied by
 * the catalogue's own order engine to an empty catalogue; the HSA tree is `[{hsaId, parent}]`.
 */
import { readFileSync } from 'node:fs';
import { snapshotFromOrderFile } from '../tak/index.js';
import type { CatalogueSnapshot, HsaUnit } from '../tak/snapshot.js';

export class CatalogueFileError extends Error {
  readonly code = 'NTJP_ERR_CATALOGUE_FILE';
}

/** `[{hsaId, parent?, name?}]` */
export function readHsaFile(file: string): HsaUnit[] {
  let rows: unknown;
  try {
    rows = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new CatalogueFileError(`vp.hsaFile ${file}: ${(e as Error).message}`);
  }
  if (!Array.isArray(rows) || rows.some((r) => typeof (r as HsaUnit)?.hsaId !== 'string')) {
    throw new CatalogueFileError(`vp.hsaFile ${file}: expected a JSON array of {hsaId, parent}`);
  }
  return rows as HsaUnit[];
}

export function readOrderFile(file: string, hsaUnits: HsaUnit[]): CatalogueSnapshot {
  try {
    return snapshotFromOrderFile(file, hsaUnits);
  } catch (e) {
    throw new CatalogueFileError(`vp.takOrder ${file}: ${(e as Error).message}`);
  }
}
