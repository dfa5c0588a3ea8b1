import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** One schema file of a release folder and the namespace it defines. */
export interface SchemaFile {
  namespace: string;
  /** absolute path */
  file: string;
  /** minor version from the file name (`…_1.1.xsd` → [1, 1]), [] when the name has none */
  version: number[];
}

const SCHEMA_START = /<(?:[\w-]+:)?schema\b[^>]*>/;
const TARGET_NAMESPACE = /\btargetNamespace\s*=\s*["']([^"']+)["']/;
const FILE_VERSION = /_(\d+(?:\.\d+)*)(?:_ext)?\.xsd$/i;
const MAX_DEPTH = 8;

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const d = (a[i] ?? -1) - (b[i] ?? -1);
    if (d !== 0) return d;
  }
  return 0;
}

function listXsdFiles(dir: string, depth = 0): string[] {
  if (depth > MAX_DEPTH) return [];
  const out: string[] = [];
  for (const e of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...listXsdFiles(p, depth + 1));
    else if (e.isFile() && e.name.toLowerCase().endsWith('.xsd')) out.push(p);
  }
  return out;
}

/** The targetNamespace of a schema document, read from its start tag (some W3C schemas carry a DOCTYPE). */
export function targetNamespaceOf(text: string): string | undefined {
  const start = SCHEMA_START.exec(text);
  return start ? TARGET_NAMESPACE.exec(start[0])?.[1] : undefined;
}

/**
 * Indexes every XSD under `root` (a RIV-TA release or a folder of releases) by targetNamespace. When several
 * files define one namespace (a minor version next to its predecessor, the registry header copied into every
 * domain), the highest file version wins, then the first path in sorted order.
 */
export function indexSchemas(root: string): Map<string, SchemaFile> {
  const byNamespace = new Map<string, SchemaFile>();
  for (const file of listXsdFiles(root)) {
    const namespace = targetNamespaceOf(readFileSync(file, 'utf8'));
    if (!namespace) continue;
    const version = (FILE_VERSION.exec(file)?.[1] ?? '').split('.').filter(Boolean).map(Number);
    const known = byNamespace.get(namespace);
    if (!known || compareVersions(version, known.version) > 0) byNamespace.set(namespace, { namespace, file, version });
  }
  return byNamespace;
}
