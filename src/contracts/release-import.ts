import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, normalize, relative, sep } from 'node:path';
import { tmpdir } from 'node:os';
import { unzipSync } from 'fflate';

/** One domain release found in an import: `<domain>/<version>` holding `interactions/` (and `core_components/`). */
export interface ImportedRelease {
  domain: string;
  version: string;
  /** where it now lives, below `<dataDir>/contracts` */
  dir: string;
  files: number;
}

export class ContractImportError extends Error {
  readonly code = 'NTJP_ERR_CONTRACT_IMPORT';
}

const MAX_DEPTH = 6;
const MAX_ZIP_BYTES = 64 * 1024 * 1024;
const SAFE_NAME = /^[\w.-]+$/;

function findReleases(dir: string, depth = 0): string[] {
  if (depth > MAX_DEPTH) return [];
  const entries = readdirSync(dir, { withFileTypes: true }).filter((e) => e.isDirectory());
  if (entries.some((e) => e.name === 'interactions')) return [dir];
  return entries.flatMap((e) => findReleases(join(dir, e.name), depth + 1));
}

function countFiles(dir: string): number {
  return readdirSync(dir, { withFileTypes: true, recursive: true }).filter((e) => e.isFile()).length;
}

/** Unpacks a zip into a fresh temp folder, refusing entries that would land outside it (zip slip); a refused zip leaves no folder. */
function unzipToTemp(zipFile: string): string {
  const data = readFileSync(zipFile);
  if (data.length > MAX_ZIP_BYTES) throw new ContractImportError(`${zipFile} is larger than ${MAX_ZIP_BYTES} bytes`);
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(data);
  } catch (e) {
    throw new ContractImportError(`${zipFile} is not a readable zip: ${(e as Error).message}`);
  }
  const out = mkdtempSync(join(tmpdir(), 'ntjp-contracts-'));
  try {
    for (const [name, bytes] of Object.entries(entries)) {
      const target = normalize(join(out, name));
      if (!target.startsWith(out + sep)) throw new ContractImportError(`zip entry ${name} points outside the release`);
      if (name.endsWith('/')) continue;
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, bytes);
    }
  } catch (e) {
    rmSync(out, { recursive: true, force: true });
    throw e;
  }
  return out;
}

/**
 * Copies every domain release found in `source` (a folder or a zip laid out like the RIV-TA releases, or a
 * folder of such releases) to `<contractsDir>/<domain>/<version>`, replacing an earlier import of the same
 * release. The release folder's parent names the domain and the folder itself the version.
 */
export function importReleases(source: string, contractsDir: string): ImportedRelease[] {
  if (!existsSync(source)) throw new ContractImportError(`${source} does not exist`);
  const isZip = statSync(source).isFile();
  const root = isZip ? unzipToTemp(source) : source;
  try {
    const releases = findReleases(root);
    if (releases.length === 0) throw new ContractImportError(`no RIV-TA release (a folder with interactions/) found in ${source}`);
    return releases.map((rel) => {
      const version = basename(rel);
      const domain = relative(root, rel) === version ? basename(source).replace(/\.zip$/i, '') : basename(dirname(rel));
      if (!SAFE_NAME.test(domain) || !SAFE_NAME.test(version)) throw new ContractImportError(`release folder ${rel} has an unusable name`);
      const dir = join(contractsDir, domain, version);
      rmSync(dir, { recursive: true, force: true });
      mkdirSync(dir, { recursive: true });
      cpSync(rel, dir, { recursive: true });
      return { domain, version, dir, files: countFiles(dir) };
    });
  } finally {
    if (isZip) rmSync(root, { recursive: true, force: true });
  }
}
