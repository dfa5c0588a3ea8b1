/**
 * The hub's memory under calls with long caller-chosen texts: BENCH_CALLS (default 10,000) calls, each to a
 * different logical address of BENCH_ADDRESS_BYTES (default 1 MiB) that no catalogue knows, over
 * BENCH_CONNECTIONS (default 4) keep-alive connections. Measures the hub's RSS before (after a warm-up of the
 * same calls), at its peak and after, each end also after a full garbage collection (what is held, without
 * the heap and allocator headroom the churn of 1 MiB strings leaves), and whether `/metrics` and a full
 * traffic page still answer, and how big they are. The hub runs tsc's output in its own process
 * (bench/support/hub-process.ts) with --expose-gc.
 */
import { randomUUID } from 'node:crypto';
import { Agent, request } from 'undici';
import { startNodeChild, startTsChild, type Child } from './support/child.js';
import { compileEntry } from './support/compiled.js';
import { report } from './support/report.js';

const CALLS = Number(process.env.BENCH_CALLS ?? 10_000);
const WARMUP_CALLS = 200;
const ADDRESS_BYTES = Number(process.env.BENCH_ADDRESS_BYTES ?? 1024 * 1024);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 4);
const NAMESPACE = 'urn:bench:PingResponder:1';
const RSS_BAR_BYTES = 50 * 1024 * 1024;
const MB = 1024 * 1024;

interface HubReady { httpPort: number; adminPort: number }
interface Rss { rss: number; peakRss: number; heapTotal: number; heapUsed: number; external: number }

const filler = 'a'.repeat(ADDRESS_BYTES);

function envelope(address: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><LogicalAddress xmlns="urn:riv:itintegration:registry:1">${address}</LogicalAddress></soapenv:Header><soapenv:Body><Ping xmlns="${NAMESPACE}"><data>x</data></Ping></soapenv:Body></soapenv:Envelope>`;
}

function rss(hub: Child<unknown>, message: 'rss' | 'rss-reset' | 'gc'): Promise<Rss> {
  return new Promise((resolve) => {
    hub.proc.once('message', (m) => resolve(m as Rss));
    hub.proc.send!(message);
  });
}

/** `count` calls, each to its own long logical address; returns the answers' status counts. */
async function calls(url: string, agent: Agent, count: number): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      next++;
      const address = `${randomUUID()}${filler}`.slice(0, ADDRESS_BYTES);
      const res = await request(url, {
        method: 'POST',
        dispatcher: agent,
        body: envelope(address),
        headers: { 'content-type': 'text/xml; charset=UTF-8', 'x-vp-sender-id': 'BENCH-CONSUMER', 'x-vp-instance-id': 'NTJP-EMULATOR-1' },
      });
      await res.body.dump();
      statuses.set(res.statusCode, (statuses.get(res.statusCode) ?? 0) + 1);
    }
  };
  await Promise.all(Array.from({ length: CONNECTIONS }, worker));
  return statuses;
}

async function fetchText(url: string): Promise<{ status: number; bytes: number; ms: number }> {
  const started = performance.now();
  const res = await request(url);
  const text = await res.body.text();
  return { status: res.statusCode, bytes: Buffer.byteLength(text), ms: performance.now() - started };
}

export async function run(): Promise<void> {
  const started: Array<{ stop(): Promise<void> }> = [];
  const keep = <C extends { stop(): Promise<void> }>(child: C): C => (started.push(child), child);
  const agent = new Agent({ connections: CONNECTIONS });
  try {
    const producer = keep(await startTsChild<{ port: number }>('./producer-process.ts', ['1024']));
    const build = keep(compileEntry('bench/support/hub-process.ts'));
    const hub = keep(await startNodeChild<HubReady>(['--expose-gc', build.path, String(producer.ready.port)], true));
    const hubUrl = `http://127.0.0.1:${hub.ready.httpPort}/vp`;
    const admin = `http://127.0.0.1:${hub.ready.adminPort}`;
    await calls(hubUrl, agent, WARMUP_CALLS);
    const before = await rss(hub, 'gc');
    await rss(hub, 'rss-reset');
    const t0 = performance.now();
    const statuses = await calls(hubUrl, agent, CALLS);
    const seconds = (performance.now() - t0) / 1000;
    const after = await rss(hub, 'rss');
    const metrics = await fetchText(`${admin}/metrics`);
    const traffic = await fetchText(`${admin}/api/traffic?limit=1000`);
    const end = await rss(hub, 'rss');
    const collected = await rss(hub, 'gc');
    const growth = collected.rss - before.rss;
    const faults = statuses.get(500) ?? 0;
    report(
      `Hub memory under ${CALLS} calls to distinct ${(ADDRESS_BYTES / MB).toFixed(2)} MiB logical addresses`,
      [
        { what: 'hub RSS before (after warm-up and a full GC) MB', value: before.rss / MB },
        { what: 'hub RSS after the calls MB', value: after.rss / MB },
        { what: 'hub peak RSS during the calls MB', value: after.peakRss / MB },
        { what: 'hub RSS after reading /metrics and the traffic page MB', value: end.rss / MB },
        { what: 'hub RSS after that and a full GC MB', value: collected.rss / MB },
        { what: 'V8 heap used before / after, both after a full GC, MB', value: `${(before.heapUsed / MB).toFixed(1)} / ${(collected.heapUsed / MB).toFixed(1)}` },
        { what: 'V8 heap total before / after MB', value: `${(before.heapTotal / MB).toFixed(1)} / ${(collected.heapTotal / MB).toFixed(1)}` },
        { what: 'external (Buffers, external strings) before / after MB', value: `${(before.external / MB).toFixed(1)} / ${(collected.external / MB).toFixed(1)}` },
        { what: `calls answered VP004 (HTTP 500) of ${CALLS}`, value: faults },
        { what: 'calls per second', value: CALLS / seconds },
        { what: `GET /metrics: HTTP ${metrics.status}, bytes`, value: metrics.bytes },
        { what: `GET /metrics ms`, value: metrics.ms },
        { what: `GET /api/traffic?limit=1000: HTTP ${traffic.status}, bytes`, value: traffic.bytes },
        { what: `GET /api/traffic?limit=1000 ms`, value: traffic.ms },
      ],
      [
        [`hub RSS growth after a full GC ${(growth / MB).toFixed(1)} MB (bar ≤ 50 MB)`, growth <= RSS_BAR_BYTES],
        [`hub RSS growth without a forced GC ${((end.rss - before.rss) / MB).toFixed(1)} MB (bar ≤ 50 MB)`, end.rss - before.rss <= RSS_BAR_BYTES],
        [`/metrics and the traffic API answer 200`, metrics.status === 200 && traffic.status === 200],
        [`every call answered with a fault (no route for an unknown address)`, faults === CALLS],
      ],
    );
  } finally {
    await agent.close();
    for (const child of started.reverse()) await child.stop();
  }
}
