/**
 * Routes for the platform's built-in producers (EI, AgP, registry services, …): each namespace a producer
 * registered on ctx.soap is routed at the platform's logical address to its path under the built-in
 * producers' origin, which names no instance: every hub on the catalogue calls its own services port
 * (docs/deploy.md). Done with a generated order, and published only when a route is missing or points elsewhere.
 */
import { PLATFORM_SERVICES_ORIGIN, type BuiltinService } from '../platform/soap-server.js';
import { localToday } from '../shared/local-time.js';
import type { CatalogueSnapshot } from './snapshot.js';
import type { TakService } from './service.js';
import type { TakError } from './errors.js';

/** Instances starting together on one catalogue race for the same order; the loser looks again. */
const BUILTIN_ROUTE_ATTEMPTS = 3;

/** Orders and publishes the built-in routes the latest version lacks; another instance's publish of them counts. */
export async function routeBuiltinServices(service: TakService, services: BuiltinService[], platformHsaId: string): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const order = builtinRoutesOrder(services, await service.latestSnapshot(), platformHsaId, PLATFORM_SERVICES_ORIGIN);
    if (!order) return;
    try {
      await service.order(order, { dryRun: false, user: 'platform' });
      await service.publish('platform', 'routes of the built-in services');
      return;
    } catch (e) {
      const code = (e as TakError).code;
      if (code === 'TAK_ERR_NOTHING_TO_PUBLISH') return;
      if (code !== 'TAK_ERR_CONFLICT' || attempt === BUILTIN_ROUTE_ATTEMPTS) throw e;
    }
  }
}

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
