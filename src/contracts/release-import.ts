import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, relative } from 'node:path';
import { tmpdir } from 'node:os';
import { ContractImportError } from './import-error.js';
import { importLimitsOf, refusalText, type ImportLimits } from './import-limits.js';
import { extractZip } from './zip-extract.js';

/** One domain release found in an import: `<domain>/<version>` holding `interactions/` (and `core_components/`). */
export interface ImportedRelease {
  domain: string;
  version: string;
  /** where it now lives, below `<dataDir>/contracts` */
  dir: string;
  files: number;
}

export interface ImportOptions {
  /** default: the settings' defaults */
  limits?: ImportLimits;
  /** where a zip is unpacked before its releases are copied; default: the system's temp folder */
  tempDir?: string;
}

const MAX_DEPTH = 6;
const SAFE_NAME = /^[\w.-]+$/;

async function findReleases(dir: string, depth = 0): Promise<string[]> {
  if (depth > MAX_DEPTH) return [];
  const entries = (await readdir(dir, { withFileTypes: true })).filter((e) => e.isDirectory());
  if (entries.some((e) => e.name === 'interactions')) return [dir];
  return (await Promise.all(entries.map((e) => findReleases(join(dir, e.name), depth + 1)))).flat();
}

async function countFiles(dir: string): Promise<number> {
  return (await readdir(dir, { withFileTypes: true, recursive: true })).filter((e) => e.isFile()).length;
}

/** Unpacks a zip into a fresh temp folder within the limits; a refused zip leaves no folder. */
async function unzipToTemp(zipFile: string, limits: ImportLimits, tempDir: string): Promise<string> {
  if ((await stat(zipFile)).size > limits.maxExpandedBytes) throw new ContractImportError(refusalText(zipFile, 'maxExpandedBytes', limits));
  const out = await mkdtemp(join(tempDir, 'ntjp-contracts-'));
  try {
    await extractZip(zipFile, out, limits);
  } catch (e) {
    await rm(out, { recursive: true, force: true });
    throw e;
  }
  return out;
}

/**
 * Copies every domain release found in `source` (a folder or a zip laid out like the RIV-TA releases, or a
 * folder of such releases) to `<contractsDir>/<domain>/<version>`, replacing an earlier import of the same
 * release. The release folder's parent names the domain and the folder itself the version. Every release is
 * found and named before the first is copied, so a refused source changes nothing.
 */
export async function importReleases(source: string, contractsDir: string, opts: ImportOptions = {}): Promise<ImportedRelease[]> {
  if (!existsSync(source)) throw new ContractImportError(`${source} does not exist`);
  const isZip = (await stat(source)).isFile();
  const root = isZip ? await unzipToTemp(source, opts.limits ?? importLimitsOf(), opts.tempDir ?? tmpdir()) : source;
  try {
    const releases = await findReleases(root);
    if (releases.length === 0) throw new ContractImportError(`no RIV-TA release (a folder with interactions/) found in ${source}`);
    const targets = releases.map((rel) => {
      const version = basename(rel);
      const domain = relative(root, rel) === version ? basename(source).replace(/\.zip$/i, '') : basename(dirname(rel));
      if (!SAFE_NAME.test(domain) || !SAFE_NAME.test(version)) throw new ContractImportError(`release folder ${rel} has an unusable name`);
      return { rel, domain, version, dir: join(contractsDir, domain, version) };
    });
    const out: ImportedRelease[] = [];
    for (const { rel, domain, version, dir } of targets) {
      await rm(dir, { recursive: true, force: true });
      await mkdir(dir, { recursive: true });
      await cp(rel, dir, { recursive: true });
      out.push({ domain, version, dir, files: await countFiles(dir) });
    }
    return out;
  } finally {
    if (isZip) await rm(root, { recursive: true, force: true });
  }
}
