/**
 * The reference systems as a platform part: when `services.run` is on, starts every demo system after the
 * platform is up (the hub, EI and aggregator are needed), connects them in the catalogue and mounts the
 * citizen simulator's REST API under /api/citizen.
 */
import type { PlatformComponent, PlatformContext } from '../platform/context.js';
import type { VpApi } from '../vp/index.js';
import { citizenRoutes } from './citizen/citizen-router.js';
import { mountApi } from '../platform/api/mount-api.js';
import { CitizenClient } from './citizen/citizen-client.js';
import { createAgent } from '../shared/soap/client.js';
import { PortalClient } from './citizen/portal-client.js';
import { portalEndpoints, portalRoutes } from './citizen/portal-router.js';
import { systemIdentity } from './system-runtime.js';
import { demoReferenceSystems } from './demo/roles.js';
import { CITIZEN_CONSUMER_HSA_ID, DEMO_SYSTEMS } from './demo/systems.js';
import { startAndConnect, type StartedSystem } from './runner.js';
import type { ReferenceSystemEnv } from './reference-system.js';
import type { AdaptersApi } from '../adapters/index.js';

export interface ServicesApi {
  systems(): StartedSystem[];
}

/** A component's API when that component runs (the format adapters are not part of every test platform). */
function optionalApi<T>(ctx: PlatformContext, name: string): T | undefined {
  try {
    return ctx.use<T>(name);
  } catch {
    return undefined;
  }
}

export const servicesComponent: PlatformComponent = {
  name: 'services',
  async start(ctx) {
    if (!ctx.settings['services.run']) return { close: async () => undefined };
    let started: StartedSystem[] = [];
    const env: Omit<ReferenceSystemEnv, 'port'> = {
      host: ctx.settings['platform.host'] as string,
      publicHost: ctx.settings['platform.publicHost'] as string,
      certsDir: ctx.certsDir,
      dataDir: ctx.dataDir,
      hubHttpsUrl: '',
      platformHsaId: ctx.platformHsaId,
      demoData: ctx.settings['services.demoData'] as boolean,
      log: ctx.log.child({ 'event.module': 'services' }),
      xmlLimits: ctx.xmlLimits,
    };
    const fixed = ctx.settings['services.fixedPorts'] as boolean;
    let closeCitizenAgent = async (): Promise<void> => undefined;
    ctx.afterStart(async () => {
      env.hubHttpsUrl = ctx.use<VpApi>('vp').urls.https;
      const adapters = optionalApi<AdaptersApi>(ctx, 'adapters');
      if (adapters) env.onAdapterReceipt = (listener) => adapters.onReceipt(listener);
      started = await startAndConnect(ctx, demoReferenceSystems(), {
        env,
        portOf: (s) => (fixed ? (DEMO_SYSTEMS.find((d) => d.hsaId === s.hsaId)?.port ?? 0) : 0),
        citizenHsaId: CITIZEN_CONSUMER_HSA_ID,
      });
      for (const s of started) if (s.running.url) ctx.urls.set(`${s.system.name} (${s.system.hsaId})`, s.running.url);
      // One pool with the 1177 certificate: to the hub (journal, bookings) and to the inbox and Mina intyg APIs.
      const agent = createAgent(systemIdentity(env, CITIZEN_CONSUMER_HSA_ID), { connections: 8 });
      closeCitizenAgent = () => agent.close();
      const citizen = new CitizenClient({ kind: 'mtls', url: env.hubHttpsUrl, dispatcher: agent }, ctx.platformHsaId);
      const portal = new PortalClient(agent, portalEndpoints((name) => started.find((s) => s.system.name === name)?.running.url));
      // The simulator acts for any citizen: open on loopback like other reads, the operator token elsewhere.
      mountApi(ctx.admin, { prefix: '/api/citizen', routes: [...citizenRoutes(citizen), ...portalRoutes(portal)] });
    });
    ctx.provide<ServicesApi>('services', { systems: () => started });
    return {
      async close() {
        for (const s of [...started].reverse()) await s.running.close();
        await closeCitizenAgent();
      },
      status: () => ({ referenceSystems: started.map((s) => ({ name: s.system.name, hsaId: s.system.hsaId, url: s.running.url })) }),
    };
  },
};

