import { readFileSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import type { ContractDescriptor } from '../catalogue.js';
import type { WsdlEntry } from '../wsdl-index.js';
import type { GivenDate } from './date-store.js';
import { majorPublishedIn } from './revision-dates.js';

/** Where a publication date comes from, strongest first. */
export type DateSource = 'operator' | 'release-files' | 'import' | 'descriptor';

/** One major version of a contract as the lifecycle sees it. */
export interface ContractVersion {
  /** the Responder namespace */
  namespace: string;
  domain: string;
  interaction: string;
  major: number;
  /** interaction version `m.n` ('' when only the namespace is known) */
  version: string;
  /** the domain release it comes from (null when only the catalogue names it) */
  release: string | null;
  /** `YYYY-MM-DD`, null when no source gives one */
  published: string | null;
  source: DateSource | null;
  /** where the date comes from, or why it is missing, in words */
  basis: string;
}

const RESPONDER_NAMESPACE = /^urn:riv(?:-application|-emulated)?:(.+):([^:]+)Responder:(\d+)$/;

/** `urn:riv:<domain>:<Interaction>Responder:<major>` → its parts; the scheme (riv, riv-application, riv-emulated) is not part of the family. */
export function parseNamespace(namespace: string): { domain: string; interaction: string; major: number } | undefined {
  const m = RESPONDER_NAMESPACE.exec(namespace);
  return m ? { domain: m[1]!, interaction: m[2]!, major: Number(m[3]) } : undefined;
}

/** Only the namespace is known (a catalogue row without descriptor or imported release). */
export function unknownVersion(namespace: string): ContractVersion | undefined {
  const parts = parseNamespace(namespace);
  return parts && { namespace, ...parts, version: '', release: null, published: null, source: null, basis: 'no descriptor or imported release names this contract' };
}

function fromDescriptor(d: ContractDescriptor): ContractVersion {
  return {
    namespace: d.namespace,
    domain: d.domain,
    interaction: d.interaction,
    major: d.major,
    version: d.version,
    release: d.release,
    published: d.published,
    source: d.published ? 'descriptor' : null,
    basis: `riv-contracts/: ${d.publishedBasis}`,
  };
}

/** An imported release's WSDL: the date its revisions give the major, else the release's `--published`, else the descriptor's. */
function fromImport(w: WsdlEntry, releaseDates: Map<string, GivenDate>, known: ContractVersion | undefined): ContractVersion | undefined {
  const parts = parseNamespace(w.namespace);
  if (!parts) return undefined;
  const release = basename(w.releaseDir);
  const domainFolder = basename(dirname(w.releaseDir));
  const base = { namespace: w.namespace, ...parts, version: w.version.join('.'), release };
  const stated = majorPublishedIn(readFileSync(w.file, 'utf8'), parts.major);
  if (stated) return { ...base, published: stated, source: 'release-files', basis: `release ${domainFolder}/${release}: ${basename(w.file)} revisions` };
  const given = releaseDates.get(`${domainFolder}/${release}`);
  if (given) return { ...base, published: given.published, source: 'import', basis: `--published at the import of ${domainFolder}/${release} by ${given.updatedBy}` };
  return { ...base, published: known?.published ?? null, source: known?.source ?? null, basis: known?.published ? known.basis : `release ${domainFolder}/${release} states no date: give --published or correct it` };
}

export interface VersionSources {
  descriptors: Iterable<ContractDescriptor>;
  /** WSDLs of imported releases (`<contractsDir>/<domain>/<release>/…`) */
  imported: Iterable<WsdlEntry>;
  releaseDates: Map<string, GivenDate>;
  corrections: Map<string, GivenDate>;
}

/** Every contract version the platform knows, by namespace: descriptors, then imported releases over them, then the operator's corrections over both. */
export function contractVersions(s: VersionSources): Map<string, ContractVersion> {
  const out = new Map<string, ContractVersion>();
  for (const d of s.descriptors) out.set(d.namespace, fromDescriptor(d));
  for (const w of s.imported) {
    const v = fromImport(w, s.releaseDates, out.get(w.namespace));
    if (v) out.set(v.namespace, v);
  }
  for (const [namespace, c] of s.corrections) {
    const v = out.get(namespace) ?? unknownVersion(namespace);
    if (v) out.set(namespace, { ...v, published: c.published, source: 'operator', basis: `corrected by ${c.updatedBy} at ${c.updatedAt}` });
  }
  return out;
}
