/**
 * Routes for the platform's built-in producers (EI, AgP, registry services, …): each namespace a producer
 * registered on ctx.soap is routed at the platform's logical address to its path. Done with a generated
 * order, and published only when a route is missing or points elsewhere.
 */
import type { BuiltinService } from '../platform/soap-server.js';
import { localToday } from '../shared/local-time.js';
import type { CatalogueSnapshot } from './snapshot.js';

export function builtinRoutesOrder(services: BuiltinService[], snapshot: CatalogueSnapshot | undefined, platformHsaId: string, baseUrl: string): Record<string, unknown> | undefined {
  const today = localToday();
  const has = new Set((snapshot?.routes ?? []).filter((r) => r.from <= today && today <= r.to).map((r) => `${r.logicalAddress.toUpperCase()}|${r.namespace}|${r.url}|${r.profile}`));
  const missing = services.flatMap((s) => s.namespaces.map((ns) => ({ ns, url: baseUrl + s.path, profile: s.profile }))).filter((r) => !has.has(`${platformHsaId.toUpperCase()}|${r.ns}|${r.url}|${r.profile}`));
  if (missing.length === 0) return undefined;
  return {
    plattform: 'NTJP-EMULATOR',
    genomforandeTidpunkt: today,
    utforare: 'platform',
    kommentar: 'built-in services',
    inkludera: {
      tjanstekontrakt: missing.map((r) => ({ namnrymd: r.ns, beskrivning: 'built-in service' })),
      logiskadresser: [{ hsaId: platformHsaId, beskrivning: 'the platform' }],
      tjanstekomponenter: [{ hsaId: platformHsaId, beskrivning: 'the platform' }],
      anropsbehorigheter: [],
      vagval: missing.map((r) => ({ adress: r.url, logiskAdress: platformHsaId, tjanstekontrakt: r.ns, rivtaprofil: r.profile, tjanstekomponent: platformHsaId })),
    },
    exkludera: { anropsbehorigheter: [], vagval: [] },
  };
}
