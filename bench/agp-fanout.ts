/**
 * AgP fan-out: one aggregated call fanned out to 20 producers that each answer 50 records after a fixed delay D.
 * Bar: p95 of the aggregated call ≤ D + 20 ms at 50 concurrent consumer calls; reported as a ratio to D.
 * Baseline of the same run: one producer called through the same hub at the same concurrency.
 * Three processes, as in production: producers (bench/support/agp-producers-process.ts), the platform
 * (hub + EI + AgP, bench/support/agp-platform-process.ts) and the closed-loop load generator
 * (bench/support/load-process.ts). The aggregated call is also measured at lower concurrency, to separate the
 * fan-out's own latency from queueing for the platform's CPU. `AGP_BENCH_DELAY_MS` (100),
 * `AGP_BENCH_CONCURRENCY` (1,10,50; the last is the bar's), `AGP_BENCH_SECONDS` (8 per case, after 2 s
 * warm-up) set the load.
 */
import { CONSUMER } from '../test/agp/platform.js';
import { scheduleRequest } from '../test/agp/fixtures.js';
import { rivRequest } from '../src/shared/soap/envelope.js';
import { HEADER, SOAP_CONTENT_TYPE } from '../src/shared/soap/namespaces.js';
import { report } from './support/report.js';
import { startTsChild, type Child } from './support/child.js';
import type { LoadResult } from './support/run-load.js';

const DELAY_MS = Number(process.env.AGP_BENCH_DELAY_MS ?? 100);
const CONCURRENCIES = (process.env.AGP_BENCH_CONCURRENCY ?? '1,10,50').split(',').map(Number);
const CONCURRENCY = CONCURRENCIES[CONCURRENCIES.length - 1]!;
const DURATION_MS = Number(process.env.AGP_BENCH_SECONDS ?? 8) * 1000;
const SOURCES = 20;
const RECORDS = 50;
const BAR_MS = 20;
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

export async function run(): Promise<void> {
  const producers = await startTsChild<{ ports: number[] }>('./agp-producers-process.ts', [String(SOURCES), String(RECORDS), String(DELAY_MS)]);
  const platform: PlatformChild = await startTsChild('./agp-platform-process.ts', [JSON.stringify(producers.ready.ports)], true);
  try {
    const single = await load(platform, platform.ready.units[0]!, CONCURRENCY);
    const aggregated = [];
    for (const c of CONCURRENCIES) aggregated.push({ c, r: await load(platform, PLATFORM, c) });
    const bar = aggregated[aggregated.length - 1]!.r;
    const row = (name: string, concurrent: number, r: LoadResult & { cpuMsPerCall: number }) => ({
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
    });
    report(
      `AgP fan-out: ${SOURCES} producers x ${RECORDS} records, D = ${DELAY_MS} ms`,
      [row('one producer through the hub (baseline)', CONCURRENCY, single), ...aggregated.map(({ c, r }) => row(`aggregated over ${SOURCES} producers`, c, r))],
      [[`aggregated p95 at ${CONCURRENCY} concurrent ${bar.p95Ms.toFixed(1)} ms ≤ D + ${BAR_MS} ms (${DELAY_MS + BAR_MS} ms), no errors`, bar.p95Ms <= DELAY_MS + BAR_MS && bar.errors === 0]],
    );
  } finally {
    await platform.stop();
    await producers.stop();
  }
}
