/** The hub's settings, read once at start into a typed object (the pipeline never looks up a key). */
import { readFileSync } from 'node:fs';
import type { Settings } from '../config/load.js';
import { ConfigError } from '../config/load.js';
import type { DefaultRoutingOptions, HsaClimbRule } from './catalogue-index.js';
import { peerWhitelist, type PeerCheck } from './ip-whitelist.js';
import { xmlLimitsFrom, type XmlLimits } from '../shared/xml/limits.js';

export interface HubConfig {
  instanceId: string;
  instanceName: string;
  httpsPort: number;
  httpPort: number;
  /** vp.ipWhitelist read with vp.ipWhitelistMatch */
  admitsPeer: PeerCheck;
  certHeader: string;
  certHeaderVerify: boolean;
  senderIdPattern: string;
  maxBodyBytes: number;
  /** the platform's XML limits, applied to what the hub reads of a request (platform.xml*) */
  xmlLimits: XmlLimits;
  defaultProducerTimeoutMs: number;
  /** producer read timeout by exact, case-sensitive namespace (docs/vp.md, "What happens to a call") */
  producerTimeoutsMs: Map<string, number>;
  connectTimeoutMs: number;
  retryDelayMs: number;
  clientTimeoutMs: number;
  useRoutingHistory: boolean;
  originalConsumerAllowList: string[];
  throwVp013: boolean;
  propagateCorrelationIdHttps: boolean;
  trafficLogSize: number;
  trafficCaptureBudgetBytes: number;
  userAgent: string;
  defaultRouting: DefaultRoutingOptions;
  hsaClimbRoutes: HsaClimbRule;
  hsaClimbPermissions: HsaClimbRule;
}

interface TimeoutEntry {
  tjanstekontrakt?: unknown;
  producertimeout?: unknown;
}

/** timeoutconfig.json: `[{tjanstekontrakt, producertimeout}]`; `default_timeouts` replaces the default. */
export function readTimeoutConfig(file: string, fallbackMs: number): { defaultMs: number; byNamespace: Map<string, number> } {
  const byNamespace = new Map<string, number>();
  let defaultMs = fallbackMs;
  if (!file) return { defaultMs, byNamespace };
  let rows: unknown;
  try {
    rows = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new ConfigError(`vp.timeoutConfig ${file}: ${(e as Error).message}`);
  }
  if (!Array.isArray(rows)) throw new ConfigError(`vp.timeoutConfig ${file}: expected a JSON array of {tjanstekontrakt, producertimeout}`);
  for (const r of rows as TimeoutEntry[]) {
    const ms = Number(r.producertimeout);
    if (typeof r.tjanstekontrakt !== 'string' || !Number.isInteger(ms) || ms <= 0) {
      throw new ConfigError(`vp.timeoutConfig ${file}: bad entry ${JSON.stringify(r)}`);
    }
    if (r.tjanstekontrakt === 'default_timeouts') defaultMs = ms;
    else byNamespace.set(r.tjanstekontrakt, ms);
  }
  return { defaultMs, byNamespace };
}

const lowerList = (v: unknown): string[] => (v as string[]).map((x) => x.toLowerCase());

export function hubConfig(s: Settings): HubConfig {
  const timeouts = readTimeoutConfig(s['vp.timeoutConfig'] as string, s['vp.producerTimeoutMs'] as number);
  return {
    instanceId: s['platform.instanceId'] as string,
    instanceName: s['platform.instanceName'] as string,
    httpsPort: s['vp.httpsPort'] as number,
    httpPort: s['vp.httpPort'] as number,
    admitsPeer: peerWhitelist(s['vp.ipWhitelist'] as string[], s['vp.ipWhitelistMatch'] as string),
    certHeader: (s['vp.certHeader'] as string).toLowerCase(),
    certHeaderVerify: s['vp.certHeaderVerify'] as boolean,
    senderIdPattern: s['vp.senderIdPattern'] as string,
    maxBodyBytes: s['vp.maxBodyBytes'] as number,
    xmlLimits: xmlLimitsFrom(s),
    defaultProducerTimeoutMs: timeouts.defaultMs,
    producerTimeoutsMs: timeouts.byNamespace,
    connectTimeoutMs: s['vp.connectTimeoutMs'] as number,
    retryDelayMs: s['vp.retryDelayMs'] as number,
    clientTimeoutMs: s['vp.clientTimeoutMs'] as number,
    useRoutingHistory: s['vp.useRoutingHistory'] as boolean,
    originalConsumerAllowList: lowerList(s['vp.originalConsumerAllowList']),
    throwVp013: s['vp.throwVp013'] as boolean,
    propagateCorrelationIdHttps: s['vp.propagateCorrelationIdHttps'] as boolean,
    trafficLogSize: s['vp.trafficLogSize'] as number,
    trafficCaptureBudgetBytes: s['vp.trafficCaptureBudgetBytes'] as number,
    userAgent: s['vp.userAgent'] as string,
    hsaClimbRoutes: { defaultEnabled: s['vp.hsaLookupRoutes'] as boolean, exceptedPrefixes: lowerList(s['vp.hsaLookupRoutesExcept']) },
    hsaClimbPermissions: { defaultEnabled: s['vp.hsaLookupPermissions'] as boolean, exceptedPrefixes: lowerList(s['vp.hsaLookupPermissionsExcept']) },
    defaultRouting: {
      delimiter: s['vp.defaultRoutingDelimiter'] as string,
      allowedContracts: lowerList(s['vp.defaultRoutingAllowedContracts']),
      allowedSenders: lowerList(s['vp.defaultRoutingAllowedSenders']),
    },
  };
}
