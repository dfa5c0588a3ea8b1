/** A TAK bulk order (spec README) routing reference systems' contracts and granting consumers, for e2e tests. */
import { contractPath } from '../../../src/services/reference-system.js';

export interface Route {
  producer: string;
  url: string;
  logicalAddress: string;
  namespaces: readonly string[];
}

export interface Permission {
  consumer: string;
  logicalAddress: string;
  namespaces: readonly string[];
}

export function routeOrder(routes: Route[], permissions: Permission[]): Record<string, unknown> {
  const contracts = new Set([...routes, ...permissions].flatMap((r) => r.namespaces));
  const addresses = new Set([...routes, ...permissions].map((r) => r.logicalAddress));
  const components = new Set([...routes.map((r) => r.producer), ...permissions.map((p) => p.consumer)]);
  return {
    plattform: 'NTJP-TEST',
    formatVersion: 1,
    version: 1,
    genomforandeTidpunkt: '2020-01-01T00:00:00+0000',
    utforare: 'test',
    inkludera: {
      tjanstekontrakt: [...contracts].map((namnrymd) => ({ namnrymd, beskrivning: namnrymd, majorVersion: Number(namnrymd.split(':').pop()) })),
      logiskadresser: [...addresses].map((hsaId) => ({ hsaId, beskrivning: hsaId })),
      tjanstekomponenter: [...components].map((hsaId) => ({ hsaId, beskrivning: hsaId })),
      anropsbehorigheter: permissions.flatMap((p) => p.namespaces.map((tjanstekontrakt) => ({ logiskAdress: p.logicalAddress, tjanstekontrakt, tjanstekonsument: p.consumer }))),
      vagval: routes.flatMap((r) =>
        r.namespaces.map((tjanstekontrakt) => ({ adress: r.url + contractPath(tjanstekontrakt), logiskAdress: r.logicalAddress, tjanstekontrakt, rivtaprofil: 'RIVTABP21', tjanstekomponent: r.producer })),
      ),
    },
    exkludera: { anropsbehorigheter: [], vagval: [] },
  };
}
