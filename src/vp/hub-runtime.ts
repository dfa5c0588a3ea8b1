/**
 * Builds one hub: its settings, catalogue, producer agents, sender check, traffic sink and metrics, and the
 * two SOAP listeners on top. The in-process hub and each hub worker (docs/workers.md) build theirs here.
 */
import type { Settings } from '../config/load.js';
import type { Logger } from '../shared/log.js';
import type { MetricsRegistry } from '../shared/metrics.js';
import type { PrivateServices } from '../platform/soap-server.js';
import { hubTlsMaterial, type HubTlsMaterial } from '../platform/hub-tls.js';
import { closeServer, listen } from '../shared/listen.js';
import { HUB_NAME, readIdentity } from '../pki/index.js';
import { hubConfig } from './hub-config.js';
import { readHsaFile } from './catalogue-file.js';
import { HubCatalogue } from './hub-catalogue.js';
import type { CatalogueIndex } from './catalogue-index.js';
import type { CatalogueLoad } from './status-report.js';
import { createProducerAgents } from './producer-agents.js';
import { servicesInProcess } from './steps/services-in-process.js';
import { certificateSenders, certificatesIn } from './certificate-senders.js';
import type { TrafficSink } from './traffic-log.js';
import { registerHubMetrics } from './call-metrics.js';
import { handleCall, type HubRuntime } from './pipeline.js';
import { createListeners } from './server.js';
import { contractDocuments } from './wsdl-requests.js';

export interface HubRuntimeOptions {
  settings: Settings;
  certsDir: string;
  log: Logger;
  metrics: MetricsRegistry;
  traffic: TrafficSink;
  platformServices?: PrivateServices;
  /** after every catalogue swap */
  onCatalogueSwap?: (index: CatalogueIndex, load: CatalogueLoad) => void;
}

export interface BuiltHub {
  hub: HubRuntime;
  catalogue: HubCatalogue;
  tls: HubTlsMaterial;
  close(): Promise<void>;
}

export function createHubRuntime(opts: HubRuntimeOptions): BuiltHub {
  const config = hubConfig(opts.settings);
  const hsaFile = opts.settings['vp.hsaFile'] as string;
  const catalogue = new HubCatalogue(hsaFile ? readHsaFile(hsaFile) : [], opts.log, opts.onCatalogueSwap);
  // Workers agree on the lowest: the version every one of them routes with.
  opts.metrics.gauge('ntjp_vp_catalogue_version', 'Version of the catalogue the hub routes with (0 before the first).', [], (gauge) => gauge.set(catalogue.index?.version ?? 0), 'min');
  const agents = createProducerAgents(readIdentity(opts.certsDir, HUB_NAME), config.connectTimeoutMs);
  const tls = hubTlsMaterial(opts.settings, opts.certsDir);
  const services = opts.platformServices;
  const hub: HubRuntime = {
    config,
    log: opts.log,
    catalogue: () => catalogue.index,
    senderFromCertificate: certificateSenders(config.senderIdPattern, certificatesIn(tls.ca)),
    agents,
    ownServices: opts.settings['vp.servicesInProcess'] && services?.answer ? servicesInProcess(services.baseUrl, services.answer) : undefined,
    traffic: opts.traffic,
    metrics: registerHubMetrics(opts.metrics),
    clock: () => new Date(),
    platformServices: services,
  };
  return { hub, catalogue, tls, close: () => agents.close() };
}

export interface HubListeners {
  httpsPort: number;
  httpPort: number;
  close(): Promise<void>;
}

/** Opens the hub's two SOAP listeners on `host` (in a cluster worker: the ports all workers share). */
export async function openHubListeners(built: BuiltHub, host: string): Promise<HubListeners> {
  const { hub, tls } = built;
  const servers = createListeners({
    tls,
    clientTimeoutMs: hub.config.clientTimeoutMs,
    handle: (req, res, l) => void handleCall(hub, req, res, l),
    serveDocument: contractDocuments(() => hub.contracts),
  });
  const close = async (): Promise<void> => {
    await Promise.all([closeServer(servers.https), closeServer(servers.http)]);
  };
  try {
    const httpsPort = await listen(servers.https, hub.config.httpsPort, host);
    const httpPort = await listen(servers.http, hub.config.httpPort, host);
    return { httpsPort, httpPort, close };
  } catch (e) {
    await close();
    throw e;
  }
}
