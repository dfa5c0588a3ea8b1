/**
 * The hub as a platform part: compiles every catalogue snapshot it is given, opens the two SOAP listeners,
 * and offers the traffic log, metrics and a status section. With `vp.takOrder` it loads the catalogue from
 * a bulk-order file itself; without a snapshot every call gets VP008 (docs/vp.md, "Catalogue").
 */
import type { PlatformComponent } from '../platform/context.js';
import { PACKAGE, VERSION } from '../platform/version.js';
import { closeServer, listen } from '../shared/listen.js';
import { hubTlsMaterial } from '../platform/hub-tls.js';
import { HUB_NAME, initDevPki, readIdentity } from '../pki/index.js';
import { StaticCatalogueSource, type CatalogueSnapshot, type HsaUnit } from '../tak/snapshot.js';
import { hubConfig } from './hub-config.js';
import { compileCatalogue, compileCatalogueInSlices, type CatalogueIndex } from './catalogue-index.js';
import { readHsaFile, readOrderFile } from './catalogue-file.js';
import { createProducerAgents } from './producer-agents.js';
import { certificateSenders, certificatesIn } from './certificate-senders.js';
import { TrafficLog, type TrafficApi } from './traffic-log.js';
import { registerHubMetrics } from './call-metrics.js';
import { handleCall, type HubRuntime } from './pipeline.js';
import { createListeners } from './server.js';
import { dispatchInProcess, type InProcessAnswer, type InProcessCall } from './in-process.js';
import { trafficRoutes } from './admin-routes.js';
import { mountApi } from '../platform/api/mount-api.js';
import type { ContractHooks } from './contract-hooks.js';
import { contractDocuments } from './wsdl-requests.js';
import { realVpStatus, type CatalogueLoad } from './status-report.js';

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

/** A file HSA tree applies to snapshots that bring none of their own. */
function withHsaUnits(snapshot: CatalogueSnapshot, units: HsaUnit[]): CatalogueSnapshot {
  return snapshot.hsaUnits.length > 0 || units.length === 0 ? snapshot : { ...snapshot, hsaUnits: units };
}

export const vpComponent: PlatformComponent = {
  name: 'vp',
  async start(ctx) {
    const config = hubConfig(ctx.settings);
    const log = ctx.log.child({ 'event.module': 'vp' });
    // Keeps what exists; the hub's own certificate is also its client certificate to https producers.
    initDevPki(ctx.certsDir);

    const hsaFile = ctx.settings['vp.hsaFile'] as string;
    const hsaUnits = hsaFile ? readHsaFile(hsaFile) : [];
    const startedAtMs = Date.now();
    let index: CatalogueIndex | undefined;
    let lastLoad: CatalogueLoad | undefined;
    const swap = (compiled: CatalogueIndex): void => {
      const hsaUnitsBefore = index?.hsaUnitCount ?? 0;
      index = compiled;
      lastLoad = { at: new Date(), routes: index.routeCount, permissions: index.permissionCount, hsaUnitsBefore, hsaUnits: index.hsaUnitCount };
      log.info('catalogue compiled', { version: index.version, routes: index.routeCount, permissions: index.permissionCount, hsaUnits: index.hsaUnitCount });
    };
    const activate = (snapshot: CatalogueSnapshot): void => swap(compileCatalogue(withHsaUnits(snapshot, hsaUnits)));
    // A switch compiles in slices: calls keep the old index until the new one is whole, and only the newest
    // snapshot given is swapped in.
    let switches = 0;
    const switchTo = (snapshot: CatalogueSnapshot): Promise<void> => {
      const mine = ++switches;
      return compileCatalogueInSlices(withHsaUnits(snapshot, hsaUnits), swap, () => mine === switches);
    };
    const takOrder = ctx.settings['vp.takOrder'] as string;
    let unsubscribe = (): void => undefined;
    if (takOrder) {
      // The file is the hub's catalogue for this run: versions the catalogue component publishes later
      // (its demo seed, built-in routes) do not replace it (docs/vp.md).
      const fromFile = readOrderFile(takOrder, hsaUnits);
      activate(fromFile);
      void (ctx.catalogue as StaticCatalogueSource).set(fromFile);
    } else {
      unsubscribe = ctx.catalogue.subscribe(switchTo);
      if (ctx.catalogue.current()) activate(ctx.catalogue.current()!);
    }

    ctx.metrics.gauge('ntjp_vp_catalogue_version', 'Version of the catalogue the hub routes with (0 before the first).', [], (gauge) => gauge.set(index?.version ?? 0));
    const agents = createProducerAgents(readIdentity(ctx.certsDir, HUB_NAME), config.connectTimeoutMs);
    const tls = hubTlsMaterial(ctx.settings, ctx.certsDir);
    const traffic = new TrafficLog(config.trafficLogSize, config.trafficCaptureBudgetBytes);
    const hub: HubRuntime = {
      config,
      log,
      catalogue: () => index,
      senderFromCertificate: certificateSenders(config.senderIdPattern, certificatesIn(tls.ca)),
      agents,
      traffic,
      metrics: registerHubMetrics(ctx.metrics),
      clock: () => new Date(),
      platformServices: { baseUrl: ctx.servicesBaseUrl, secret: ctx.servicesSecret },
    };
    const servers = createListeners({
      tls,
      clientTimeoutMs: config.clientTimeoutMs,
      handle: (req, res, l) => void handleCall(hub, req, res, l),
      serveDocument: contractDocuments(() => hub.contracts),
    });
    const host = ctx.settings['platform.host'] as string;
    const close = async (): Promise<void> => {
      unsubscribe();
      await Promise.all([closeServer(servers.https), closeServer(servers.http)]);
      await agents.close();
    };
    let httpsPort: number;
    let httpPort: number;
    try {
      httpsPort = await listen(servers.https, config.httpsPort, host);
      httpPort = await listen(servers.http, config.httpPort, host);
    } catch (e) {
      await close();
      throw e;
    }
    const bindHost = host.includes(':') ? `[${host}]` : host;
    const publicHost = ctx.settings['platform.publicHost'] as string;
    const urls = { https: `https://${bindHost}:${httpsPort}/vp`, http: `http://${bindHost}:${httpPort}/vp` };
    if (ctx.hubCaller.kind === 'internal') ctx.hubCaller.url = urls.http;
    const endpoints = [`https://${publicHost}:${httpsPort}/vp`, `http://${publicHost}:${httpPort}/vp`];
    ctx.urls.set('Hub (VP), mutual TLS', endpoints[0]!);
    ctx.urls.set('Hub (VP), HTTP behind a proxy', endpoints[1]!);
    ctx.provide<VpApi>('vp', { traffic, urls, setContractHooks: (h) => void (hub.contracts = h), dispatch: (call) => dispatchInProcess(hub, call) });
    mountApi(ctx.admin, { prefix: '/api/traffic', routes: trafficRoutes(traffic) });
    return {
      close,
      status: () => ({
        version: VERSION,
        httpsPort,
        httpPort,
        catalogueLoaded: index !== undefined,
        catalogueVersion: index?.version,
        catalogueCompiledAt: lastLoad?.at.toISOString(),
        routes: index?.routeCount ?? 0,
        permissions: index?.permissionCount ?? 0,
        hsaUnits: index?.hsaUnitCount ?? 0,
        trafficLogged: traffic.count,
      }),
      statusHeadline: () =>
        realVpStatus({ ...PACKAGE, instanceName: ctx.instanceName, startedAtMs, clock: hub.clock, lastLoad: () => lastLoad, endpoints }),
    };
  },
};
