import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** A WSDL the platform can serve, found under a contracts folder. */
export interface WsdlEntry {
  /** WSDL targetNamespace, `urn:riv:<domain>:<Interaction>:<major>:<profile>` (or `urn:riv-application:`, `urn:riv-emulated:`) */
  wsdlNamespace: string;
  /** the Responder namespace the hub routes on */
  namespace: string;
  /** hub path, `vp/<domain path>/<Interaction>/<major>/<profile>` (vp-and-tak.md, WSDL) */
  path: string;
  file: string;
  /** the release folder (`<domain>/<version>`): `?xsd=` never leaves it */
  releaseDir: string;
  version: number[];
}

const DEFINITIONS_START = /<(?:[\w-]+:)?definitions\b[^>]*>/;
const TARGET_NAMESPACE = /\btargetNamespace\s*=\s*["']([^"']+)["']/;
const FILE_VERSION = /_(\d+(?:\.\d+)*)_RIVTABP\d+\.wsdl$/i;
const WSDL_NAMESPACE = /^urn:(riv(?:-application|-emulated)?):(.+):([^:]+):(\d+):(rivtabp\d+)$/i;
const MAX_DEPTH = 8;

function listWsdlFiles(dir: string, depth = 0): string[] {
  if (depth > MAX_DEPTH || !existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .sort((a, b) => a.name.localeCompare(b.name))
    .flatMap((e) => (e.isDirectory() ? listWsdlFiles(join(dir, e.name), depth + 1) : e.name.toLowerCase().endsWith('.wsdl') ? [join(dir, e.name)] : []));
}

function releaseDirOf(file: string): string {
  for (let d = dirname(file); d !== dirname(d); d = dirname(d)) if (basename(d) === 'interactions') return dirname(d);
  return dirname(file);
}

/** `urn:riv:crm:scheduling:MakeBooking:1:rivtabp21` → the Responder namespace and the hub path. */
export function describeWsdlNamespace(wsdlNamespace: string): { namespace: string; path: string } | undefined {
  const m = WSDL_NAMESPACE.exec(wsdlNamespace);
  if (!m) return undefined;
  const [, scheme, domain, interaction, major, profile] = m as unknown as [string, string, string, string, string, string];
  return {
    namespace: `urn:${scheme}:${domain}:${interaction}Responder:${major}`,
    path: ['vp', ...domain.split(':'), interaction, major, profile].join('/'),
  };
}

/** Every servable WSDL below the folders, keyed by lower-cased hub path (the real VP matches case-insensitively). */
export function indexWsdls(folders: string[]): Map<string, WsdlEntry> {
  const out = new Map<string, WsdlEntry>();
  for (const file of folders.flatMap((f) => listWsdlFiles(f))) {
    const start = DEFINITIONS_START.exec(readFileSync(file, 'utf8'));
    const wsdlNamespace = start ? TARGET_NAMESPACE.exec(start[0])?.[1] : undefined;
    const described = wsdlNamespace ? describeWsdlNamespace(wsdlNamespace) : undefined;
    if (!wsdlNamespace || !described) continue;
    const version = (FILE_VERSION.exec(file)?.[1] ?? '').split('.').filter(Boolean).map(Number);
    const key = described.path.toLowerCase();
    const known = out.get(key);
    const newer = !known || version.join('.').localeCompare(known.version.join('.'), undefined, { numeric: true }) > 0;
    if (newer) out.set(key, { wsdlNamespace, ...described, file, releaseDir: releaseDirOf(file), version });
  }
  return out;
}
