/**
 * AgP fan-out: one aggregated call fanned out to 20 producers that each answer 50 records after a fixed delay D.
 * Bars: p95 of the aggregated call ≤ D + 20 ms at 10 (and at 50) concurrent consumer calls, reported as a
 * ratio to D; the platform's CPU per aggregated call ≤ 12 × that of one plain hub pass.
 * Baseline of the same run: one producer called through the same hub at the same concurrency.
 * Each platform mode runs in turn: the aggregator's source calls handed to the hub in-process, and over the
 * hub's HTTP listener (`agp.sourceCallsInProcess` false, the code path before the hand-off); `services-http`
 * keeps that hand-off but sends the hub's calls to the platform's own services (the aggregator, the EI) over
 * their port (`vp.servicesInProcess` false, the code path before that leg went in-process); and in-process
 * with the hub's listeners on 1 and 2 worker processes (`workers-N`: `platform.workers` N; CPU then counts
 * the workers too).
 * Three processes, as in production: producers (bench/support/agp-producers-process.ts), the platform
 * (hub + EI + AgP, bench/support/agp-platform-process.ts) and the closed-loop load generator
 * (bench/support/load-process.ts). The aggregated call is also measured at lower concurrency, to separate the
 * fan-out's own latency from queueing for the platform's CPU. `AGP_BENCH_DELAY_MS` (100),
 * `AGP_BENCH_CONCURRENCY` (1,10,50; the last is the bar's), `AGP_BENCH_SECONDS` (8 per case, after 2 s
 * warm-up) set the load; `AGP_BENCH_MODES` (in-process,http,workers-1,workers-2; also services-http) the modes; `AGP_BENCH_PROFILE=<dir>` writes a
 * `--cpu-prof` profile of each platform process to `<dir>/<mode>/`.
 */
import { CONSUMER } from '../test/agp/platform.js';
import { scheduleRequest } from '../test/agp/fixtures.js';
import { rivRequest } from '../src/shared/soap/envelope.js';
import { HEADER, SOAP_CONTENT_TYPE } from '../src/shared/soap/namespaces.js';
import { report } from './support/report.js';
import { startNodeChild, startTsChild, type Child } from './support/child.js';
import type { LoadResult } from './support/run-load.js';

const DELAY_MS = Number(process.env.AGP_BENCH_DELAY_MS ?? 100);
const CONCURRENCIES = (process.env.AGP_BENCH_CONCURRENCY ?? '1,10,50').split(',').map(Number);
const CONCURRENCY = CONCURRENCIES[CONCURRENCIES.length - 1]!;
const DURATION_MS = Number(process.env.AGP_BENCH_SECONDS ?? 8) * 1000;
const SOURCES = 20;
const RECORDS = 50;
const BAR_MS = 20;
const CPU_BAR = 12;
const MODES = (process.env.AGP_BENCH_MODES ?? 'in-process,http,workers-1,workers-2').split(',');
const PROFILE_DIR = process.env.AGP_BENCH_PROFILE;
const PLATFORM = '5565594230';

type PlatformChild = Child<{ hubUrl: string; instanceId: string; units: string[] }>;

function platformCpuMs(platform: PlatformChild): Promise<number> {
  return new Promise((resolve) => {
    platform.proc.once('message', (m) => resolve((m as { cpuMs: number }).cpuMs));
    platform.proc.send('cpu');
  });
}

/** Runs the load child against the hub; also returns the platform's CPU time per answered call. */
async function load(platform: PlatformChild, logicalAddress: string, connections: number): Promise<LoadResult & { cpuMsPerCall: number }> {
  const { hubUrl: url, instanceId } = platform.ready;
  const cpuBefore = await platformCpuMs(platform);
  const headers = {
    'content-type': SOAP_CONTENT_TYPE,
    [HEADER.senderId]: CONSUMER,
    [HEADER.instanceId]: instanceId,
    [HEADER.originalConsumer]: CONSUMER,
    [HEADER.correlationId]: 'agp-bench',
  };
  const cfg = { url, body: rivRequest(logicalAddress, scheduleRequest()), headers, connections, durationMs: DURATION_MS, warmupMs: 2000, maxRequests: 1_000_000 };
  const child = await startTsChild<LoadResult>('./load-process.ts', [JSON.stringify(cfg)]);
  await new Promise((resolve) => (child.proc.exitCode !== null ? resolve(undefined) : child.proc.once('exit', resolve)));
  const cpuMs = (await platformCpuMs(platform)) - cpuBefore;
  return { ...child.ready, cpuMsPerCall: cpuMs / Math.max(1, child.ready.completed) };
}

function startPlatform(ports: number[], mode: string): Promise<PlatformChild> {
  // workers-N: source calls in-process, the hub's listeners on N worker processes (platform.workers).
  const workers = /^workers-(\d+)$/.exec(mode);
  // services-http: the hub's leg to the platform's own services over their port (vp.servicesInProcess false).
  const settings = { 'agp.sourceCallsInProcess': mode !== 'http', 'vp.servicesInProcess': mode !== 'http' && mode !== 'services-http', ...(workers ? { 'platform.workers': Number(workers[1]) } : {}) };
  const script = new URL('./support/agp-platform-process.ts', import.meta.url).pathname;
  // One folder per mode: each thread of the process (tsx's loader too) writes its own profile.
  const profile = PROFILE_DIR ? ['--cpu-prof', '--cpu-prof-dir', `${PROFILE_DIR}/${mode}`] : [];
  return startNodeChild([...profile, '--import', 'tsx', script, JSON.stringify(ports), JSON.stringify(settings)], true);
}

type Measured = LoadResult & { cpuMsPerCall: number };

/** The baseline and each concurrency against one platform mode: its rows and its verdicts. */
async function measureMode(ports: number[], mode: string): Promise<{ rows: Array<Record<string, string | number>>; verdicts: Array<[string, boolean]> }> {
  const platform = await startPlatform(ports, mode);
  try {
    const single = await load(platform, platform.ready.units[0]!, CONCURRENCY);
    const aggregated: Array<{ c: number; r: Measured }> = [];
    for (const c of CONCURRENCIES) aggregated.push({ c, r: await load(platform, PLATFORM, c) });
    const row = (name: string, concurrent: number, r: Measured) => ({
      mode,
      case: name,
      concurrent,
      calls: r.requests,
      errors: r.errors,
      'calls/s': r.rps,
      'p50 ms': r.p50Ms,
      'p95 ms': r.p95Ms,
      'p99 ms': r.p99Ms,
      'p95 / D': r.p95Ms / DELAY_MS,
      'platform CPU ms/call': r.cpuMsPerCall,
      'CPU × hub pass': r.cpuMsPerCall / single.cpuMsPerCall,
    });
    const verdicts: Array<[string, boolean]> = [];
    for (const { c, r } of aggregated.filter(({ c }) => c >= 10)) {
      verdicts.push([`${mode}: aggregated p95 at ${c} concurrent ${r.p95Ms.toFixed(1)} ms ≤ D + ${BAR_MS} ms (${DELAY_MS + BAR_MS} ms), no errors`, r.p95Ms <= DELAY_MS + BAR_MS && r.errors === 0]);
      const ratio = r.cpuMsPerCall / single.cpuMsPerCall;
      verdicts.push([`${mode}: platform CPU per aggregated call at ${c} concurrent ${ratio.toFixed(1)} × one hub pass ≤ ${CPU_BAR} ×`, ratio <= CPU_BAR]);
    }
    return { rows: [row('one producer through the hub (baseline)', CONCURRENCY, single), ...aggregated.map(({ c, r }) => row(`aggregated over ${SOURCES} producers`, c, r))], verdicts };
  } finally {
    await platform.stop();
  }
}

export async function run(): Promise<void> {
  const producers = await startTsChild<{ ports: number[] }>('./agp-producers-process.ts', [String(SOURCES), String(RECORDS), String(DELAY_MS)]);
  try {
    const rows = [];
    const verdicts = [];
    for (const mode of MODES) {
      const measured = await measureMode(producers.ready.ports, mode);
      rows.push(...measured.rows);
      verdicts.push(...measured.verdicts);
    }
    report(`AgP fan-out: ${SOURCES} producers x ${RECORDS} records, D = ${DELAY_MS} ms`, rows, verdicts);
  } finally {
    await producers.stop();
  }
}
