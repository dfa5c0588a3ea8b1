/**
 * Hub throughput: 1 KB request and response, 32 keep-alive connections, in one run:
 * straight to the producer, through nginx (plain reverse proxy), through the hub over HTTP and over mTLS;
 * then the latency the hub adds (one connection), then a 15 MB request and a 15 MB response (a second
 * producer, at logical address BENCH-BIG) through the hub with the hub's peak RSS growth. Producers, hub,
 * nginx and load generator are separate processes. The hub runs tsc's output, as `ntjp serve` does; one more
 * row runs it under tsx for comparison (compiled.ts says why they differ).
 */
import { join } from 'node:path';
import { request } from 'undici';
import { startNodeChild, startTsChild, type Child } from './support/child.js';
import { compileEntry } from './support/compiled.js';
import { nginxBinary, startNginx } from './support/nginx.js';
import { report } from './support/report.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const NAMESPACE = 'urn:bench:PingResponder:1';
const REQUEST_KB = 1;
const BIG_BYTES = 15 * 1024 * 1024 - 64 * 1024;

function envelope(sizeBytes: number, address = 'BENCH'): string {
  const head = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><LogicalAddress xmlns="urn:riv:itintegration:registry:1">${address}</LogicalAddress></soapenv:Header><soapenv:Body><Ping xmlns="${NAMESPACE}"><data>`;
  const tail = '</data></Ping></soapenv:Body></soapenv:Envelope>';
  return head + 'x'.repeat(Math.max(0, sizeBytes - head.length - tail.length)) + tail;
}

interface HubReady { httpPort: number; httpsPort: number; certsDir: string }
interface LoadResult { requests: number; completed: number; errors: number; rps: number; p50Ms: number; p95Ms: number; p99Ms: number; hubCpuUsPerCall?: number }

async function load(url: string, connections: number, seconds: number, extra: { headers?: Record<string, string>; tls?: object } = {}): Promise<LoadResult> {
  const cfg = {
    url,
    body: envelope(REQUEST_KB * 1024),
    headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: `"${NAMESPACE}:Ping"`, ...extra.headers },
    connections,
    durationMs: seconds * 1000,
    warmupMs: 1000,
    maxRequests: 3_000_000,
    tls: extra.tls,
  };
  const child = await startTsChild<LoadResult>('../support/load-process.ts', [JSON.stringify(cfg)]).catch((e: Error) => {
    throw new Error(`load generator failed: ${e.message}`);
  });
  await child.stop();
  return child.ready;
}

function rss(hub: Child<unknown>, message: 'rss' | 'rss-reset'): Promise<{ rss: number; peakRss: number; cpuMicros: number }> {
  return new Promise((resolve) => {
    hub.proc.once('message', (m) => resolve(m as { rss: number; peakRss: number; cpuMicros: number }));
    hub.proc.send!(message);
  });
}

/** A load run through a hub, with the hub's CPU time per answered call (steadier than req/s on shared cores). */
async function hubLoad(hub: Child<unknown>, ...args: Parameters<typeof load>): Promise<LoadResult> {
  const before = (await rss(hub, 'rss')).cpuMicros;
  const result = await load(...args);
  return { ...result, hubCpuUsPerCall: ((await rss(hub, 'rss')).cpuMicros - before) / result.completed };
}

async function bigCall(url: string, body: string): Promise<{ status: number; bytes: number }> {
  const res = await request(url, { method: 'POST', body, headers: { 'content-type': 'text/xml; charset=UTF-8', 'x-vp-sender-id': 'BENCH-CONSUMER', 'x-vp-instance-id': 'NTJP-EMULATOR-1' } });
  let bytes = 0;
  for await (const c of res.body) bytes += (c as Buffer).length;
  return { status: res.statusCode, bytes };
}

export async function run(): Promise<void> {
  const started: Array<{ stop(): Promise<void> }> = [];
  const keep = <C extends { stop(): Promise<void> }>(child: C): C => (started.push(child), child);
  try {
    const producer = keep(await startTsChild<{ port: number }>('./producer-process.ts', ['1024']));
    const bigProducer = keep(await startTsChild<{ port: number }>('./producer-process.ts', [String(BIG_BYTES)]));
    const hubArgs = [String(producer.ready.port), JSON.stringify({ addresses: { 'BENCH-BIG': bigProducer.ready.port } })];
    const build = keep(compileEntry('bench/support/hub-process.ts'));
    const hub = keep(await startNodeChild<HubReady>([build.path, ...hubArgs], true));
    const tsxHub = keep(await startTsChild<HubReady>('./hub-process.ts', hubArgs, true));
    const nginxPath = nginxBinary();
    const nginxPort = producer.ready.port + 1;
    const nginx = nginxPath ? keep(await startNginx(nginxPath, nginxPort, producer.ready.port)) : undefined;
    const internal = { 'x-vp-sender-id': 'BENCH-CONSUMER', 'x-vp-instance-id': 'NTJP-EMULATOR-1' };
    const tls = { certFile: join(hub.ready.certsDir, 'BENCH-CONSUMER.pem'), keyFile: join(hub.ready.certsDir, 'BENCH-CONSUMER.key'), caFile: join(hub.ready.certsDir, 'ca.pem') };
    const direct = await load(`http://127.0.0.1:${producer.ready.port}/ping`, CONNECTIONS, SECONDS);
    const viaNginx = nginx ? await load(`http://127.0.0.1:${nginxPort}/ping`, CONNECTIONS, SECONDS) : undefined;
    const hubHttp = await hubLoad(hub, `http://127.0.0.1:${hub.ready.httpPort}/vp`, CONNECTIONS, SECONDS, { headers: internal });
    const hubTsx = await hubLoad(tsxHub, `http://127.0.0.1:${tsxHub.ready.httpPort}/vp`, CONNECTIONS, SECONDS, { headers: internal });
    await tsxHub.stop();
    const hubTls = await hubLoad(hub, `https://localhost:${hub.ready.httpsPort}/vp/bench/Ping/1/rivtabp21`, CONNECTIONS, SECONDS, { tls });
    const directOne = await load(`http://127.0.0.1:${producer.ready.port}/ping`, 1, SECONDS);
    const hubOne = await load(`http://127.0.0.1:${hub.ready.httpPort}/vp`, 1, SECONDS, { headers: internal });

    await rss(hub, 'rss-reset');
    const before = await rss(hub, 'rss');
    const bigRequest = await bigCall(`http://127.0.0.1:${hub.ready.httpPort}/vp`, envelope(BIG_BYTES));
    const afterRequest = await rss(hub, 'rss');
    await rss(hub, 'rss-reset');
    const beforeResponse = await rss(hub, 'rss');
    const bigResponse = await bigCall(`http://127.0.0.1:${hub.ready.httpPort}/vp`, envelope(REQUEST_KB * 1024, 'BENCH-BIG'));
    const afterResponse = await rss(hub, 'rss');
    const rows: Array<Record<string, string | number>> = [
      { path: 'direct to producer', connections: CONNECTIONS, 'req/s': direct.rps, 'p50 ms': direct.p50Ms, 'p99 ms': direct.p99Ms, errors: direct.errors },
      ...(viaNginx ? [{ path: 'through nginx', connections: CONNECTIONS, 'req/s': viaNginx.rps, 'p50 ms': viaNginx.p50Ms, 'p99 ms': viaNginx.p99Ms, errors: viaNginx.errors }] : []),
      { path: 'through hub, HTTP', connections: CONNECTIONS, 'req/s': hubHttp.rps, 'p50 ms': hubHttp.p50Ms, 'p99 ms': hubHttp.p99Ms, errors: hubHttp.errors, 'hub CPU µs/call': hubHttp.hubCpuUsPerCall! },
      { path: 'through hub under tsx, HTTP', connections: CONNECTIONS, 'req/s': hubTsx.rps, 'p50 ms': hubTsx.p50Ms, 'p99 ms': hubTsx.p99Ms, errors: hubTsx.errors, 'hub CPU µs/call': hubTsx.hubCpuUsPerCall! },
      { path: 'through hub, mTLS', connections: CONNECTIONS, 'req/s': hubTls.rps, 'p50 ms': hubTls.p50Ms, 'p99 ms': hubTls.p99Ms, errors: hubTls.errors, 'hub CPU µs/call': hubTls.hubCpuUsPerCall! },
      { path: 'direct, 1 connection', connections: 1, 'req/s': directOne.rps, 'p50 ms': directOne.p50Ms, 'p99 ms': directOne.p99Ms, errors: directOne.errors },
      { path: 'hub HTTP, 1 connection', connections: 1, 'req/s': hubOne.rps, 'p50 ms': hubOne.p50Ms, 'p99 ms': hubOne.p99Ms, errors: hubOne.errors },
    ];
    const added = hubOne.p50Ms - directOne.p50Ms;
    const growth = afterRequest.peakRss - before.rss;
    const responseGrowth = afterResponse.peakRss - beforeResponse.rss;
    const responseOk = bigResponse.status === 200 && bigResponse.bytes === BIG_BYTES;
    rows.push({ path: `15 MB request via hub: HTTP ${bigRequest.status}`, connections: 1, 'req/s': 0, 'p50 ms': 0, 'p99 ms': 0, errors: bigRequest.status === 200 ? 0 : 1, 'peak RSS growth MB': growth / 1048576 });
    rows.push({ path: `15 MB response via hub: HTTP ${bigResponse.status}, ${bigResponse.bytes} bytes`, connections: 1, 'req/s': 0, 'p50 ms': 0, 'p99 ms': 0, errors: responseOk ? 0 : 1, 'peak RSS growth MB': responseGrowth / 1048576 });
    const verdicts: Array<[string, boolean]> = [];
    if (viaNginx) verdicts.push([`hub-over-HTTP throughput ${(hubHttp.rps / viaNginx.rps).toFixed(2)}× nginx (bar ≥ 0.6×)`, hubHttp.rps / viaNginx.rps >= 0.6]);
    verdicts.push([`median latency added over the direct call ${added.toFixed(3)} ms (bar ≤ 0.5 ms)`, added <= 0.5]);
    verdicts.push([`mTLS throughput ${(hubTls.rps / hubHttp.rps).toFixed(2)}× HTTP (bar ≥ 0.8×)`, hubTls.rps / hubHttp.rps >= 0.8]);
    verdicts.push([`15 MB request: hub peak RSS growth ${(growth / 1048576).toFixed(1)} MB = ${(growth / BIG_BYTES).toFixed(2)}× payload (bar < 3×)`, growth < 3 * BIG_BYTES && bigRequest.status === 200]);
    verdicts.push([`15 MB response: hub peak RSS growth ${(responseGrowth / 1048576).toFixed(1)} MB = ${(responseGrowth / BIG_BYTES).toFixed(2)}× payload (bar < 3×)`, responseGrowth < 3 * BIG_BYTES && responseOk]);
    verdicts.push([`no errors under load`, [direct, hubHttp, hubTsx, hubTls].every((r) => r.errors === 0)]);
    report('Hub throughput and latency', rows, verdicts);
  } finally {
    // A child stops once even when stopped earlier (stopChild returns at once for an exited process).
    for (const child of started.reverse()) await child.stop();
  }
}
