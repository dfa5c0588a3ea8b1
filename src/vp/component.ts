/**
 * The hub as a platform part: compiles every catalogue snapshot it is given, opens the two SOAP listeners,
 * and offers the traffic log, metrics and a status section. With `vp.takOrder` it loads the catalogue from
 * a bulk-order file itself; without a snapshot every call gets VP008 (docs/vp.md, "Catalogue"). With
 * `platform.workers` >= 1, worker processes serve the listeners instead of this one (docs/workers.md).
 */
import type { PlatformComponent, PlatformContext, RunningComponent } from '../platform/context.js';
import { PACKAGE, VERSION } from '../platform/version.js';
import { hubWorkerCount } from '../platform/settings.js';
import { initDevPki } from '../pki/index.js';
import { hubConfig } from './hub-config.js';
import { TrafficLog, type TrafficApi } from './traffic-log.js';
import { trafficRoutes } from './admin-routes.js';
import { mountApi } from '../platform/api/mount-api.js';
import type { ContractHooks } from './contract-hooks.js';
import { realVpStatus } from './status-report.js';
import { createHubRuntime, openHubListeners } from './hub-runtime.js';
import { followCatalogue } from './catalogue-feed.js';
import { announceHubEndpoints, catalogueStatus } from './hub-endpoints.js';
import { startHubWorkers } from './workers/primary.js';
import type { StartedHub } from './started-hub.js';
import { dispatchInProcess, type InProcessAnswer, type InProcessCall } from './in-process.js';

/** What the hub offers other components through `ctx.use('vp')`. */
export interface VpApi {
  traffic: TrafficApi;
  /** the listeners' URLs on the bound host (not the public host name) */
  urls: { https: string; http: string };
  /** the contracts component registers WSDL serving and traffic validation here (undefined = neither) */
  setContractHooks(hooks: ContractHooks | undefined): void;
  /** a call handed over in-process, as an internal caller would send it to the HTTP listener (in-process.ts) */
  dispatch(call: InProcessCall): Promise<InProcessAnswer>;
}

export const vpComponent: PlatformComponent = {
  name: 'vp',
  async start(ctx) {
    // Keeps what exists; the hub's own certificate is also its client certificate to https producers.
    initDevPki(ctx.certsDir);
    const workers = hubWorkerCount(ctx.settings);
    const hub = workers > 0 ? await startHubWorkers(ctx, workers) : await startInProcess(ctx);
    ctx.provide<VpApi>('vp', { traffic: hub.traffic, urls: hub.urls, setContractHooks: hub.setContractHooks, dispatch: hub.dispatch });
    mountApi(ctx.admin, { prefix: '/api/traffic', routes: trafficRoutes(hub.traffic) });
    return hub.running;
  },
};

/** The hub in the main process: one runtime, its listeners, the traffic log it writes to. */
async function startInProcess(ctx: PlatformContext): Promise<StartedHub> {
  const log = ctx.log.child({ 'event.module': 'vp' });
  const config = hubConfig(ctx.settings);
  const startedAtMs = Date.now();
  const traffic = new TrafficLog(config.trafficLogSize, config.trafficCaptureBudgetBytes);
  const built = createHubRuntime({ settings: ctx.settings, certsDir: ctx.certsDir, log, metrics: ctx.metrics, traffic, platformServices: { baseUrl: ctx.servicesBaseUrl, secret: ctx.servicesSecret, answer: ctx.soap.answer } });
  const { hub, catalogue } = built;
  const unsubscribe = followCatalogue(ctx, catalogue);
  const listeners = await openHubListeners(built, ctx.settings['platform.host'] as string).catch(async (e: unknown) => {
    unsubscribe();
    await built.close();
    throw e;
  });
  const { httpsPort, httpPort } = listeners;
  const { urls, endpoints } = announceHubEndpoints(ctx, httpsPort, httpPort);
  const running: RunningComponent = {
    close: async () => {
      unsubscribe();
      await listeners.close();
      await built.close();
    },
    status: () => ({ version: VERSION, httpsPort, httpPort, ...catalogueStatus(catalogue.index && { version: catalogue.index.version, load: catalogue.lastLoad! }), trafficLogged: traffic.count }),
    statusHeadline: () =>
      realVpStatus({ ...PACKAGE, instanceName: ctx.instanceName, startedAtMs, clock: hub.clock, lastLoad: () => catalogue.lastLoad, endpoints }),
  };
  return { traffic, urls, setContractHooks: (h) => void (hub.contracts = h), dispatch: (call) => dispatchInProcess(hub, call), running };
}
