/**
 * The hub of this work tree against the hub of an earlier commit, in the same run: `npm run bench --
 * hub-against-commit --commit <ref> [--runs n]`. Both hubs run tsc's output in their own process, log every
 * call at info level as JSON lines to a file (as a deployment logs to a collector) and take the same load
 * (1 KB request and response, BENCH_CONNECTIONS keep-alive connections, BENCH_SECONDS per run) in turns,
 * after one unreported warm-up run each, each pair in the other order, so that a machine growing busier
 * during the run does not favour one.
 * Without --commit it prints what it needs and measures nothing.
 */
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startNodeChild, startTsChild, type Child } from './support/child.js';
import { runLoad, type LoadResult } from './support/run-load.js';
import { compileEntry } from './support/compiled.js';
import { report } from './support/report.js';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);
const HUB_ENTRY = 'bench/support/hub-process.ts';
const NAMESPACE = 'urn:bench:PingResponder:1';

interface HubReady { httpPort: number }
function flag(flags: string[], name: string): string | undefined {
  const i = flags.indexOf(`--${name}`);
  return i < 0 ? undefined : flags[i + 1];
}

/** The commit's files in a temp folder, with this tree's hub entry (its options) and dependencies. */
function checkOut(ref: string): { root: string; remove(): void } {
  const root = mkdtempSync(join(tmpdir(), 'ntjp-bench-commit-'));
  const archive = execFileSync('git', ['-C', ROOT, 'archive', ref], { maxBuffer: 1 << 30 });
  execFileSync('tar', ['-x', '-C', root], { input: archive });
  copyFileSync(join(ROOT, HUB_ENTRY), join(root, HUB_ENTRY));
  symlinkSync(join(ROOT, 'node_modules'), join(root, 'node_modules'));
  return { root, remove: () => rmSync(root, { recursive: true, force: true }) };
}

function cpuMicros(hub: Child<unknown>): Promise<number> {
  return new Promise((resolve) => {
    hub.proc.once('message', (m) => resolve((m as { cpuMicros: number }).cpuMicros));
    hub.proc.send!('rss');
  });
}

async function load(port: number): Promise<LoadResult> {
  const head = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><LogicalAddress xmlns="urn:riv:itintegration:registry:1">BENCH</LogicalAddress></soapenv:Header><soapenv:Body><Ping xmlns="${NAMESPACE}"><data>`;
  const tail = '</data></Ping></soapenv:Body></soapenv:Envelope>';
  return runLoad({
    url: `http://127.0.0.1:${port}/vp`,
    body: head + 'x'.repeat(1024 - head.length - tail.length) + tail,
    headers: { 'content-type': 'text/xml; charset=UTF-8', soapaction: `"${NAMESPACE}:Ping"`, 'x-vp-sender-id': 'BENCH-CONSUMER', 'x-vp-instance-id': 'NTJP-EMULATOR-1' },
    connections: CONNECTIONS,
    durationMs: SECONDS * 1000,
  });
}

export async function run(flags: string[]): Promise<void> {
  const ref = flag(flags, 'commit');
  if (!ref) {
    process.stdout.write('skipped: give the commit to compare with, e.g. `npm run bench -- hub-against-commit --commit main`\n\n');
    return;
  }
  const runs = Number(flag(flags, 'runs') ?? 2);
  const started: Array<{ stop(): Promise<void> }> = [];
  const keep = <C extends { stop(): Promise<void> }>(child: C): C => (started.push(child), child);
  const baseline = checkOut(ref);
  const logs = mkdtempSync(join(tmpdir(), 'ntjp-bench-logs-'));
  try {
    const producer = keep(await startTsChild<{ port: number }>('./producer-process.ts', ['1024']));
    const hubs: Array<{ name: string; hub: Child<HubReady> }> = [];
    for (const [name, root] of [[ref, baseline.root], ['this tree', ROOT]] as const) {
      const build = keep(compileEntry(HUB_ENTRY, [], root));
      const options = JSON.stringify({ logFile: join(logs, `${hubs.length}.log`) });
      hubs.push({ name, hub: keep(await startNodeChild<HubReady>([build.path, String(producer.ready.port), options], true)) });
    }
    // One unreported run each first: a hub's first seconds under load are its JIT warming up.
    for (const { hub } of hubs) await load(hub.ready.httpPort);
    const rows: Array<Record<string, string | number>> = [];
    const rps: number[][] = [[], []];
    for (let i = 0; i < runs; i++) {
      for (const which of i % 2 === 0 ? [0, 1] : [1, 0]) {
        const { name, hub } = hubs[which]!;
        const before = await cpuMicros(hub);
        const result = await load(hub.ready.httpPort);
        const cpu = (await cpuMicros(hub)) - before;
        rps[which]!.push(result.rps);
        rows.push({ run: i + 1, hub: name, 'req/s': result.rps, 'p50 ms': result.p50Ms, 'p99 ms': result.p99Ms, errors: result.errors, 'hub CPU µs/call': cpu / result.completed });
      }
    }
    const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);
    const ratio = sum(rps[1]!) / sum(rps[0]!);
    report(`Hub against ${ref}`, rows, [
      [`this tree's hub throughput ${ratio.toFixed(3)}× ${ref}'s over ${runs} runs each (bar ≥ 0.95×)`, ratio >= 0.95],
      ['no errors under load', rows.every((r) => r.errors === 0)],
    ]);
  } finally {
    for (const child of started.reverse()) await child.stop();
    baseline.remove();
    rmSync(logs, { recursive: true, force: true });
  }
}
