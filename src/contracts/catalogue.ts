import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RivProfile } from '../shared/soap/envelope.js';

/** One RIV-TA service contract as the project describes it (riv-contracts/*.json, docs/contracts.md). */
export interface ContractDescriptor {
  /** the Responder namespace routing works with: `urn:riv:<domain>:<Interaction>Responder:<major>` */
  namespace: string;
  /** the WSDL namespace: `urn:riv:<domain>:<Interaction>:<major>:<profile>` */
  wsdlNamespace: string;
  domain: string;
  interaction: string;
  /** interaction version `m.n` */
  version: string;
  major: number;
  /** version of the domain release it comes from (`2.1`, `1.1.1`) */
  release: string;
  /** when this major was published (`YYYY-MM-DD`), null where no source gives a date */
  published: string | null;
  /** where `published` comes from, or why it is missing */
  publishedBasis: string;
  profile: RivProfile;
  /** request and response element local names */
  request: string;
  response: string;
  /** local names from the response element to the result code; null = the contract has none */
  resultCode: string[] | null;
  /** what the LogicalAddress header means for this contract */
  logicalAddress: string;
  kind: 'read' | 'write';
  aggregated: boolean;
  serviceDomain?: string;
  categorization?: string;
  /** our own sample payloads (riv-contracts/samples/<Interaction>-<major>-request.xml), when shipped */
  sampleRequest?: string;
  sampleResponse?: string;
}

interface DomainFile {
  domain: string;
  release: string;
  published: string | null;
  publishedBasis: string;
  profile: RivProfile;
  logicalAddress: string;
  resultCode: string[] | null;
  serviceDomain?: string;
  contracts: Array<Partial<ContractDescriptor> & { interaction: string; version: string; kind: 'read' | 'write' }>;
}

export const CATALOGUE_DIR = new URL('../../riv-contracts/', import.meta.url);

function readSample(dir: string, interaction: string, major: number, which: 'request' | 'response'): string | undefined {
  const file = join(dir, 'samples', `${interaction}-${major}-${which}.xml`);
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Expands one domain file: names follow BP 2.1 rules #4, #7 and #15 unless a contract overrides them. */
function expand(d: DomainFile, dir: string): ContractDescriptor[] {
  return d.contracts.map((c) => {
    const major = Number(c.version.split('.')[0]);
    const profile = c.profile ?? d.profile;
    const request = c.request ?? c.interaction;
    return {
      namespace: c.namespace ?? `urn:riv:${d.domain}:${c.interaction}Responder:${major}`,
      wsdlNamespace: `urn:riv:${d.domain}:${c.interaction}:${major}:${profile.toLowerCase()}`,
      domain: d.domain,
      interaction: c.interaction,
      version: c.version,
      major,
      release: c.release ?? d.release,
      published: c.published === undefined ? d.published : c.published,
      publishedBasis: c.publishedBasis ?? d.publishedBasis,
      profile,
      request,
      response: c.response ?? `${request}Response`,
      resultCode: c.resultCode === undefined ? d.resultCode : c.resultCode,
      logicalAddress: c.logicalAddress ?? d.logicalAddress,
      kind: c.kind,
      aggregated: c.aggregated ?? false,
      serviceDomain: c.serviceDomain ?? d.serviceDomain,
      categorization: c.categorization,
      sampleRequest: readSample(dir, c.interaction, major, 'request'),
      sampleResponse: readSample(dir, c.interaction, major, 'response'),
    };
  });
}

/** Every descriptor of riv-contracts/, by Responder namespace (the highest interaction version wins). */
export function loadCatalogue(dir: string = fileURLToPath(CATALOGUE_DIR)): Map<string, ContractDescriptor> {
  const out = new Map<string, ContractDescriptor>();
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.json')).sort()) {
    for (const c of expand(JSON.parse(readFileSync(join(dir, f), 'utf8')) as DomainFile, dir)) {
      const known = out.get(c.namespace);
      if (!known || known.version < c.version) out.set(c.namespace, c);
    }
  }
  return out;
}
