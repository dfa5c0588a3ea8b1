/**
 * The catalogue order (a TAK bulk order, docs/tak.md "Bulk orders") that connects the running reference
 * systems: a route per produced contract at each of a producer's logical addresses, the permissions each
 * system needs for what it consumes, and the 1177 consumer's permissions to call every produced contract
 * directly and, where the platform aggregates it, at the platform's address.
 */
import { PLATFORM_ADDRESS, type ReferenceSystem } from '../reference-system.js';
import type { CatalogueOnlyConsumer } from './lifecycle-demo.js';

export interface ConnectedSystem {
  system: ReferenceSystem;
  /** base URL of its producer server ('' for a pure consumer) */
  url: string;
}

export interface DemoOrderInput {
  systems: ConnectedSystem[];
  /** the citizen e-services consumer (1177) */
  citizenHsaId: string;
  platformHsaId: string;
  /** namespaces the platform itself produces at its address (aggregating services, EI, …) */
  platformNamespaces: ReadonlySet<string>;
  /** a namespace → producer path function (contractPath) */
  pathOf(namespace: string): string;
  /** `YYYY-MM-DD` */
  today: string;
  /** consumers with permissions but no running system (the lifecycle demo) */
  catalogueOnly?: readonly CatalogueOnlyConsumer[];
  /** call address of the platform's adapter for a format (SHS, SSEK): where routes to adapted receivers go */
  adapterUrl?(format: string): string;
}

type Permission = { logiskAdress: string; tjanstekontrakt: string; tjanstekonsument: string };

export function demoCatalogueOrder(input: DemoOrderInput): Record<string, unknown> {
  const address = (a: string): string => (a === PLATFORM_ADDRESS ? input.platformHsaId : a);
  const contracts = new Set<string>();
  const addresses = new Map<string, string>();
  const permissions = new Map<string, Permission>();
  const permit = (logiskAdress: string, tjanstekontrakt: string, tjanstekonsument: string): void => {
    contracts.add(tjanstekontrakt);
    permissions.set(`${logiskAdress}|${tjanstekontrakt}|${tjanstekonsument}`, { logiskAdress, tjanstekontrakt, tjanstekonsument });
  };
  // The aggregator reads the EI through the hub as the platform (docs/agp.md, "Flow" step 3); it needs that permission.
  for (const ns of input.platformNamespaces) permit(input.platformHsaId, ns, input.platformHsaId);
  const vagval: Array<Record<string, string>> = [];
  for (const { system, url } of input.systems) {
    for (const c of system.consumes) {
      permit(address(c.logicalAddress), c.namespace, system.hsaId);
      // A permission needs its address in the catalogue even when the producer there is not started.
      if (c.logicalAddress !== PLATFORM_ADDRESS && !addresses.has(c.logicalAddress)) addresses.set(c.logicalAddress, c.logicalAddress);
    }
    const mappings = system.formatMappings?.(url) ?? [];
    for (const la of system.logicalAddresses) {
      addresses.set(la.hsaId, la.name);
      for (const ns of system.produces) {
        contracts.add(ns);
        const mapped = mappings.find((m) => m.logicalAddress === la.hsaId && m.namespace === ns);
        if (mapped && !input.adapterUrl) throw new Error(`${system.name} is reached through the ${mapped.format} adapter, which is not running`);
        const adress = mapped ? input.adapterUrl!(mapped.format) : url + input.pathOf(ns);
        vagval.push({ adress, logiskAdress: la.hsaId, tjanstekontrakt: ns, rivtaprofil: 'RIVTABP21', tjanstekomponent: system.hsaId });
        permit(la.hsaId, ns, input.citizenHsaId);
        if (input.platformNamespaces.has(ns)) permit(input.platformHsaId, ns, input.citizenHsaId);
      }
    }
  }
  for (const c of input.catalogueOnly ?? []) for (const call of c.calls) permit(address(call.logicalAddress), call.namespace, c.hsaId);
  return {
    plattform: 'NTJP-EMULATOR',
    formatVersion: 1,
    version: 1,
    genomforandeTidpunkt: input.today,
    utforare: 'ntjp start',
    kommentar: 'demo reference systems (src/services/demo/systems.ts)',
    inkludera: {
      tjanstekontrakt: [...contracts].sort().map((namnrymd) => ({ namnrymd, beskrivning: namnrymd.split(':').slice(-2).join(' ') })),
      logiskadresser: [[input.platformHsaId, 'the platform (EI, aggregating services)'], ...addresses].map(([hsaId, beskrivning]) => ({ hsaId, beskrivning })),
      tjanstekomponenter: [
        { hsaId: input.citizenHsaId, beskrivning: '1177 e-tjänster (citizen simulator)' },
        { hsaId: input.platformHsaId, beskrivning: 'the platform' },
        ...input.systems.map(({ system }) => ({ hsaId: system.hsaId, beskrivning: system.description })),
        ...(input.catalogueOnly ?? []).map((c) => ({ hsaId: c.hsaId, beskrivning: c.description })),
      ],
      anropsbehorigheter: [...permissions.values()],
      vagval,
    },
    exkludera: { anropsbehorigheter: [], vagval: [] },
  };
}
