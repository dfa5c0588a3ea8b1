import { connect } from 'node:net';
import { postSoap } from '../../shared/soap/client.js';
import { rivRequest } from '../../shared/soap/envelope.js';
import { escapeXml } from '../../shared/xml/serialize.js';
import type { RouteEntry } from '../../tak/snapshot.js';
import { platformServiceHeaders, resolvePlatformUrl, type PrivateServices } from '../../platform/soap-server.js';
import { PING_NAMESPACE, type ProducerTarget } from './producers.js';

export interface ProbeResult {
  up: boolean;
  method: 'ping' | 'connect';
  detail: string;
}

export interface ProbeOptions {
  timeoutMs: number;
  /** the platform's own producers answer only calls carrying its secret, as the hub's do */
  platformServices?: PrivateServices;
}

function pingEnvelope(route: RouteEntry): string {
  const payload =
    `<PingForConfiguration xmlns="${PING_NAMESPACE}">` +
    `<serviceContractNamespace>${escapeXml(PING_NAMESPACE)}</serviceContractNamespace>` +
    `<logicalAddress>${escapeXml(route.logicalAddress)}</logicalAddress></PingForConfiguration>`;
  return rivRequest(route.logicalAddress, payload, [], route.profile);
}

/** PingForConfiguration straight to the producer: up when it answers 200 with a SOAP body that is not a fault. */
export async function pingProducer(route: RouteEntry, opts: ProbeOptions): Promise<ProbeResult> {
  try {
    const url = resolvePlatformUrl(opts.platformServices, route.url);
    const headers = platformServiceHeaders(opts.platformServices, url);
    const answer = await postSoap({ url, body: pingEnvelope(route), headers, timeoutMs: opts.timeoutMs, signal: AbortSignal.timeout(opts.timeoutMs) });
    const up = answer.status === 200 && answer.envelope !== undefined && answer.envelope.fault === undefined;
    return { up, method: 'ping', detail: up ? 'PingForConfiguration answered' : `PingForConfiguration: HTTP ${answer.status}${answer.envelope?.fault ? ` fault ${answer.envelope.fault.string}` : ''}` };
  } catch (e) {
    return { up: false, method: 'ping', detail: `PingForConfiguration: ${(e as { code?: string }).code ?? (e as Error).message}` };
  }
}

const DEFAULT_PORTS: Record<string, number> = { 'http:': 80, 'https:': 443 };

/** A TCP connect to the URL's host and port: up when the connection opens within the timeout. */
export function connectProbe(url: string, opts: ProbeOptions): Promise<ProbeResult> {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return Promise.resolve({ up: false, method: 'connect', detail: `not a URL: ${url}` });
  }
  const port = Number(target.port) || DEFAULT_PORTS[target.protocol];
  if (!port) return Promise.resolve({ up: false, method: 'connect', detail: `no port for ${target.protocol}` });
  const host = target.hostname.replace(/^\[|\]$/g, '');
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (r: ProbeResult): void => {
      socket.destroy();
      resolve(r);
    };
    socket.setTimeout(opts.timeoutMs, () => done({ up: false, method: 'connect', detail: `connect timeout after ${opts.timeoutMs} ms` }));
    socket.once('connect', () => done({ up: true, method: 'connect', detail: `connected to ${host}:${port}` }));
    socket.once('error', (e: NodeJS.ErrnoException) => done({ up: false, method: 'connect', detail: `connect: ${e.code ?? e.message}` }));
  });
}

/**
 * Probes one producer: PingForConfiguration where the catalogue routes it for that component, else a TCP
 * connect to each distinct URL. Returns the verdict per route (contract) of the producer.
 */
export async function probeProducer(target: ProducerTarget, opts: ProbeOptions): Promise<Array<{ route: RouteEntry; result: ProbeResult }>> {
  const pingRoute = target.routes.find((r) => r.namespace === PING_NAMESPACE);
  if (pingRoute) {
    const result = await pingProducer(pingRoute, opts);
    return target.routes.map((route) => ({ route, result }));
  }
  const byUrl = new Map<string, Promise<ProbeResult>>();
  for (const r of target.routes) if (!byUrl.has(r.url)) byUrl.set(r.url, connectProbe(resolvePlatformUrl(opts.platformServices, r.url), opts));
  return Promise.all(target.routes.map(async (route) => ({ route, result: await byUrl.get(route.url)! })));
}
