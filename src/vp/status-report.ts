/**
 * The real VP's status keys, in its order, filled with what the hub knows (docs/vp.md, "Operations"): GET
 * /status puts them first, so monitoring built for the real platform reads them where it expects them.
 */
import { statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getHeapStatistics } from 'node:v8';

/** The last catalogue the hub compiled: what the real VP's TAK and HSA cache resets report. */
export interface CatalogueLoad {
  at: Date;
  routes: number;
  permissions: number;
  hsaUnitsBefore: number;
  hsaUnits: number;
}

export interface HubStatusSource {
  name: string;
  version: string;
  instanceName: string;
  startedAtMs: number;
  clock: () => Date;
  lastLoad: () => CatalogueLoad | undefined;
  /** the SOAP listeners' URLs */
  endpoints: readonly string[];
}

/** When the running code was built: its compiled module's time, or its source's when run through tsx. */
const BUILD_TIME = statSync(fileURLToPath(import.meta.url)).mtime.toISOString();

const pad = (n: number): string => String(n).padStart(2, '0');

/** `yyyy-MM-ddTHH:mm` in the server's local time, the real VP's form of a reset date. */
export function resetDate(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

const DURATION_UNITS = [
  { name: 'd', ms: 86_400_000 },
  { name: 'h', ms: 3_600_000 },
  { name: 'm', ms: 60_000 },
  { name: 's', ms: 1000 },
] as const;

/** Camel's short uptime: the two largest units from the first non-zero one (`9s`, `27m44s`, `3h12m`, `3d8h`). */
export function shortDuration(ms: number): string {
  if (ms <= 0) return '0ms';
  const first = DURATION_UNITS.findIndex((u) => ms >= u.ms);
  if (first < 0) return '0s';
  const big = DURATION_UNITS[first]!;
  const small = DURATION_UNITS[first + 1];
  return `${Math.floor(ms / big.ms)}${big.name}${small ? `${Math.floor((ms % big.ms) / small.ms)}${small.name}` : ''}`;
}

/** Bytes in binary units with one decimal, the real VP's form of its memory figures (`512 B`, `12.3 MB`). */
export function readableBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  const power = Math.floor(Math.log2(bytes) / 10);
  return `${(bytes / 2 ** (10 * power)).toFixed(1)} ${' KMGTPE'[power]}B`;
}

export function realVpStatus(s: HubStatusSource): Record<string, unknown> {
  const load = s.lastLoad();
  const hsaLoaded = (load?.hsaUnits ?? 0) > 0;
  const { heapTotal, heapUsed } = process.memoryUsage();
  return {
    Name: s.name,
    Version: s.version,
    BuildTime: BUILD_TIME,
    ServiceStatus: 'Started',
    Uptime: shortDuration(s.clock().getTime() - s.startedAtMs),
    ManagementName: s.instanceName,
    TakCacheInitialized: String(load !== undefined),
    TakCacheResetInfo: load ? `Date:${resetDate(load.at)} Status:REFRESH_OK vagval:${load.routes} behorigheter:${load.permissions}` : 'Not initialized',
    HsaCacheInitialized: String(hsaLoaded),
    HsaCacheResetInfo: `Date:${load ? resetDate(load.at) : ''} Status:${hsaLoaded} oldNum:${load?.hsaUnitsBefore ?? 0} newNum:${load?.hsaUnits ?? 0}`,
    JvmTotalMemory: readableBytes(heapTotal),
    JvmFreeMemory: readableBytes(heapTotal - heapUsed),
    JvmUsedMemory: readableBytes(heapUsed),
    JvmMaxMemory: readableBytes(getHeapStatistics().heap_size_limit),
    Endpoints: [...s.endpoints],
  };
}
