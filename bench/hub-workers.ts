/**
 * Hub throughput by `platform.workers` (0 = the hub in the main process, 1, 2) against nginx as a plain
 * reverse proxy in front of the same producer (one nginx worker per core), in one run: 1 KB request and
 * response, BENCH_CONNECTIONS keep-alive connections on the HTTP listener, the load generator pinned to the
 * last core with taskset where the machine has more than one. For each: throughput, latency, the CPU time
 * the whole process tree (main process and workers, or nginx master and workers) spent per call and the
 * root process's share of it, the throughput one core gives at that cost and a projection for 8 and 16
 * cores (PROJECTIONS), start time and memory.
 * The hub runs tsc's output, as `ntjp serve` does.
 */
import { availableParallelism } from 'node:os';
import { spawnSync } from 'node:child_process';
import { startNodeChild, startTsChild, type Child } from './support/child.js';
import { compileEntry } from './support/compiled.js';
import { nginxBinary, startNginx } from './support/nginx.js';
import { treeUsage } from './support/process-tree.js';
import { report } from './support/report.js';
import { runLoad, type LoadResult } from './support/run-load.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const WORKER_COUNTS = [0, 1, 2];
const NAMESPACE = 'urn:bench:PingResponder:1';
const BODY_BYTES = 1024;
const PROJECTED_CORES = [8, 16];

function envelope(): string {
  const head = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><LogicalAddress xmlns="urn:riv:itintegration:registry:1">BENCH</LogicalAddress></soapenv:Header><soapenv:Body><Ping xmlns="${NAMESPACE}"><data>`;
  const tail = '</data></Ping></soapenv:Body></soapenv:Envelope>';
  return head + 'x'.repeat(Math.max(0, BODY_BYTES - head.length - tail.length)) + tail;
}

/** The last core for the load generator, when there is more than one and taskset exists. */
function loadCpus(): string | undefined {
  const cores = availableParallelism();
  return cores > 1 && spawnSync('taskset', ['-V']).status === 0 ? String(cores - 1) : undefined;
}

interface Measured {
  load: LoadResult;
  cpuUsPerCall: number;
  /** the root process's share: the hub's main process (with workers), nginx's master */
  rootCpuUsPerCall: number;
  rssMb: number;
  processes: number;
}

/** A load run with the CPU the target's process tree spent on it. */
async function measure(rootPid: number, url: string, headers: Record<string, string>, cpus: string | undefined): Promise<Measured> {
  const before = treeUsage(rootPid);
  const load = await runLoad({ url, body: envelope(), headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: `"${NAMESPACE}:Ping"`, ...headers }, connections: CONNECTIONS, durationMs: SECONDS * 1000, cpus });
  const after = treeUsage(rootPid);
  const perCall = (us: number): number => us / load.completed;
  return { load, cpuUsPerCall: perCall(after.cpuMicros - before.cpuMicros), rootCpuUsPerCall: perCall(after.rootCpuMicros - before.rootCpuMicros), rssMb: after.rssBytes / 1048576, processes: after.processes };
}

/**
 * What `cores` cores would serve at the measured CPU per call: one process (workers 0) uses one core whatever
 * the machine has; with workers, one core is left to the main process, whose own work per call (accepting
 * connections, taking in the workers' traffic entries) runs on one event loop and caps the whole instance;
 * nginx's workers scale with the cores.
 */
type Projection = (m: Measured, cores: number) => number;
const PROJECTIONS: Record<'single' | 'workers' | 'cores', Projection> = {
  single: (m) => 1e6 / m.cpuUsPerCall,
  workers: (m, cores) => Math.min(((cores - 1) * 1e6) / (m.cpuUsPerCall - m.rootCpuUsPerCall), 1e6 / m.rootCpuUsPerCall),
  cores: (m, cores) => (cores * 1e6) / m.cpuUsPerCall,
};

function row(setup: string, m: Measured, project: Projection, extra: Record<string, string | number> = {}): Record<string, string | number> {
  const perCore = m.cpuUsPerCall > 0 ? 1e6 / m.cpuUsPerCall : 0;
  return {
    setup,
    'req/s': m.load.rps,
    'p50 ms': m.load.p50Ms,
    'p99 ms': m.load.p99Ms,
    errors: m.load.errors,
    'CPU µs/call': m.cpuUsPerCall,
    'main/master CPU µs/call': m.rootCpuUsPerCall,
    'req/s per core': perCore,
    ...Object.fromEntries(PROJECTED_CORES.map((n) => [`${n} cores req/s`, m.cpuUsPerCall > 0 ? Math.round(project(m, n)) : 0])),
    processes: m.processes,
    'RSS MB': m.rssMb,
    ...extra,
  };
}

export async function run(): Promise<void> {
  const started: Array<{ stop(): Promise<void> }> = [];
  const keep = <C extends { stop(): Promise<void> }>(child: C): C => (started.push(child), child);
  const cpus = loadCpus();
  try {
    const producer = keep(await startTsChild<{ port: number }>('./producer-process.ts', ['1024']));
    const build = keep(compileEntry('bench/support/hub-process.ts', ['src/vp/workers/worker-main.ts']));
    const rows: Array<Record<string, string | number>> = [];
    const hubs = new Map<number, Measured>();
    const internal = { 'x-vp-sender-id': 'BENCH-CONSUMER', 'x-vp-instance-id': 'NTJP-EMULATOR-1' };
    for (const workers of WORKER_COUNTS) {
      const t0 = performance.now();
      const hub: Child<{ httpPort: number }> = await startNodeChild([build.path, String(producer.ready.port), JSON.stringify({ workers })], true);
      const startMs = performance.now() - t0;
      try {
        const m = await measure(hub.proc.pid!, `http://127.0.0.1:${hub.ready.httpPort}/vp`, internal, cpus);
        hubs.set(workers, m);
        rows.push(row(`hub, workers ${workers}`, m, workers === 0 ? PROJECTIONS.single : PROJECTIONS.workers, { 'start ms': Math.round(startMs) }));
      } finally {
        await hub.stop();
      }
    }
    const nginxPath = nginxBinary();
    let nginx: Measured | undefined;
    if (nginxPath) {
      const port = producer.ready.port + 1;
      const proxy = keep(await startNginx(nginxPath, port, producer.ready.port));
      nginx = await measure(proxy.pid, `http://127.0.0.1:${port}/ping`, {}, cpus);
      rows.push(row('nginx reverse proxy', nginx, PROJECTIONS.cores));
    } else process.stdout.write('nginx not found at /usr/sbin/nginx or /usr/local/sbin/nginx (and not installable here): its row is skipped\n');
    const [w0, w1, w2] = WORKER_COUNTS.map((w) => hubs.get(w)!);
    const verdicts: Array<[string, boolean]> = [
      [`load generator pinned to CPU ${cpus ?? '(none: one core, or no taskset)'}`, cpus !== undefined],
      [`workers 2 throughput ${(w2.load.rps / w1.load.rps).toFixed(2)}× workers 1 (${w2.load.rps.toFixed(0)} vs ${w1.load.rps.toFixed(0)} req/s)`, w2.load.rps >= w1.load.rps],
      [`workers 1 CPU per call ${(w1.cpuUsPerCall / w0.cpuUsPerCall).toFixed(2)}× workers 0 (the main process's hand-off of connections)`, true],
      [`no errors`, [w0, w1, w2, nginx].every((m) => !m || m.load.errors === 0)],
    ];
    if (nginx) verdicts.push([`workers 2 throughput ${(w2.load.rps / nginx.load.rps).toFixed(2)}× nginx; CPU per call ${(w2.cpuUsPerCall / nginx.cpuUsPerCall).toFixed(2)}× nginx's`, true]);
    report('Hub throughput by workers', rows, verdicts);
  } finally {
    for (const child of started.reverse()) await child.stop();
  }
}
