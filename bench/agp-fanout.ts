/**
 * Issue 5: one aggregated call fanned out to 20 producers that each answer 50 records after a fixed delay D.
 * Bar: p95 of the aggregated call ≤ D + 20 ms at 50 concurrent consumer calls. The baseline of the same run
 * is D itself (the best a parallel fan-out can do) and a single producer call through the same hub at the
 * same concurrency. The producers run in a child process; the EI, AgP and the stand-in hub (until src/vp lands) in this one.
 * `AGP_BENCH_DELAY_MS` (100), `AGP_BENCH_CALLS` (500) and `AGP_BENCH_CONCURRENCY` (50) set the load.
 */
import { performance } from 'node:perf_hooks';
import { startAgpPlatform, CONSUMER } from '../test/agp/platform.js';
import { scheduleRequest, SCHEDULING_DOMAIN, SCHEDULING_NS } from '../test/agp/fixtures.js';
import { callThroughHub } from '../src/shared/soap/client.js';
import { rivRequest } from '../src/shared/soap/envelope.js';
import { report } from './support/report.js';
import { startTsChild } from './support/child.js';

const DELAY_MS = Number(process.env.AGP_BENCH_DELAY_MS ?? 100);
const CALLS = Number(process.env.AGP_BENCH_CALLS ?? 500);
const CONCURRENCY = Number(process.env.AGP_BENCH_CONCURRENCY ?? 50);
const SOURCES = 20;
const RECORDS = 50;
const BAR_MS = 20;

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/** Closed loop: `CONCURRENCY` clients issue `CALLS` calls in all; returns sorted latencies in ms. */
async function load(call: () => Promise<void>): Promise<number[]> {
  const times: number[] = [];
  let issued = 0;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (issued < CALLS) {
        issued++;
        const t0 = performance.now();
        await call();
        times.push(performance.now() - t0);
      }
    }),
  );
  return times.sort((a, b) => a - b);
}

export async function run(): Promise<void> {
  const agp = await startAgpPlatform({ 'agp.maxConnections': 2048 });
  const producers = await startTsChild<{ ports: number[] }>('./agp-producers-process.ts', [String(SOURCES), String(RECORDS), String(DELAY_MS)]);
  const unit = (i: number): string => `SE2321000016-B${String(i).padStart(3, '0')}`;
  producers.ready.ports.forEach((port, i) => {
    agp.route(unit(i), SCHEDULING_NS, `http://127.0.0.1:${port}/producer`);
    agp.permit(CONSUMER, unit(i), SCHEDULING_NS);
  });
  await agp.engage(producers.ready.ports.map((_, i) => ({ logicalAddress: unit(i), serviceDomain: SCHEDULING_DOMAIN, categorization: '' })));
  try {
    const aggregated = async (): Promise<void> => {
      const a = await agp.call(scheduleRequest());
      if (a.status !== 200 || (a.body.match(/DataFromSource/g) ?? []).length !== SOURCES) throw new Error(`bad aggregated answer: HTTP ${a.status}`);
    };
    const caller = { kind: 'internal' as const, url: agp.platform.ctx.hubCaller.url, senderId: CONSUMER, instanceId: agp.platform.ctx.instanceId };
    const single = async (): Promise<void> => {
      const a = await callThroughHub(caller, rivRequest(unit(0), scheduleRequest()), { correlationId: 'bench' });
      if (a.status !== 200) throw new Error(`bad single answer: HTTP ${a.status}`);
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, aggregated)); // warm-up
    const singleTimes = await load(single);
    const aggTimes = await load(aggregated);
    const row = (name: string, t: number[]) => ({
      case: name,
      calls: t.length,
      'p50 ms': percentile(t, 50),
      'p95 ms': percentile(t, 95),
      'p99 ms': percentile(t, 99),
      'p95 / D': percentile(t, 95) / DELAY_MS,
    });
    const p95 = percentile(aggTimes, 95);
    report(
      `AgP fan-out: ${SOURCES} producers x ${RECORDS} records, D = ${DELAY_MS} ms, ${CONCURRENCY} concurrent`,
      [row('one producer through the hub (baseline)', singleTimes), row(`aggregated over ${SOURCES} producers`, aggTimes)],
      [[`aggregated p95 ${p95.toFixed(1)} ms ≤ D + ${BAR_MS} ms (${DELAY_MS + BAR_MS} ms)`, p95 <= DELAY_MS + BAR_MS]],
    );
  } finally {
    await producers.stop();
    await agp.close();
  }
}
