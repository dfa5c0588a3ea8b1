/**
 * Do the platform's heavy jobs stall routed calls? The catalogue, the hub, the EI, the AgP, the contracts and
 * the console run on one platform process (compiled, as `ntjp serve` runs), and calls go through the hub's
 * HTTP listener to a loopback producer at a fixed rate (open loop: a call is sent on schedule whatever the
 * previous one does, and its latency counts from its scheduled time, so a stalled event loop shows as the
 * whole queue of late calls, not as one slow call). The p99 of the calls scheduled while nothing else runs
 * (idle: a window before each job, as the machine's load drifts) is compared with the p99 of those scheduled
 * during each job: a dry run and an apply of a 20,000-route + 20,000-permission order (REST), EI Updates of
 * 1000 engagements through the hub (two at a time), a contract import (a zip of the RIV reference folder, when
 * `NTJP_RIV_REFERENCE` names one), the apply of a 100,000 + 100,000 order (the service call REST makes; the
 * order is larger than the REST body limit), its publish (REST, until the hub routes on the new version; the
 * hub and the AgP compile their indexes), and reads of that version: its REST download and the console's
 * page of it. The bar: every p99 ≤ 2 × idle.
 * `TAK_STALL_ROWS` (100000), `TAK_STALL_DRY_RUN_ROWS` (20000), `TAK_STALL_RATE` (calls/s, 50),
 * `TAK_STALL_ROUNDS` (3; dry runs, contract imports and publishes, each publish after a one-row change but
 * the first), `TAK_STALL_EI_UPDATES` (20 Updates of 1000).
 * `TAK_STALL_WORKERS` (`0,1`): the `platform.workers` settings to measure, each on a platform of its own, one
 * after the other; with workers the hub's listeners run on worker processes and the jobs in the main one. The
 * table shows each setting's figures side by side (`w0 …`, `w1 …`).
 */
import { Pool, request } from 'undici';
import { performance } from 'node:perf_hooks';
import { startNodeChild, startTsChild, type Child } from './support/child.js';
import { compileEntry } from './support/compiled.js';
import { report } from './support/report.js';
import { bigOrder } from './support/tak-orders.js';
import { localToday } from '../src/shared/local-time.js';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { zipSync } from 'fflate';
import { generatedEngagement, updateEnvelope } from './support/ei-data.js';
import { referenceDir } from '../test/support/riv-reference.js';

const ROWS = Number(process.env.TAK_STALL_ROWS ?? 100_000);
const DRY_RUN_ROWS = Number(process.env.TAK_STALL_DRY_RUN_ROWS ?? 20_000);
const RATE = Number(process.env.TAK_STALL_RATE ?? 50);
const ROUNDS = Number(process.env.TAK_STALL_ROUNDS ?? 3);
const EI_UPDATES = Number(process.env.TAK_STALL_EI_UPDATES ?? 20);
const WORKERS = (process.env.TAK_STALL_WORKERS ?? '0,1').split(',').map(Number);
const ENGAGEMENTS_PER_UPDATE = 1000;
const EI_CLIENTS = 2;
const IDLE_MS = 2_000;
/** a pause after the calls a job delayed have been answered, before the next window opens */
const SETTLE_MS = 1_000;
/** a bound on every wait for a job, so a hung job ends the run */
const JOB_TIMEOUT_MS = 120_000;
const NAMESPACE = 'urn:bench:PingResponder:1';
const BODY = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><LogicalAddress xmlns="urn:riv:itintegration:registry:1">BENCH</LogicalAddress></soapenv:Header><soapenv:Body><Ping xmlns="${NAMESPACE}"><data>${'x'.repeat(700)}</data></Ping></soapenv:Body></soapenv:Envelope>`;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

interface PlatformReady { adminUrl: string; hubUrl: string; instanceId: string; token: string }
interface Sample { scheduledMs: number; latencyMs: number }

/** Calls at RATE per second until stopped; each sample is (scheduled time, latency from it). */
function openLoopLoad(hubUrl: string, instanceId: string): { samples: Sample[]; errors: string[]; answeredUpTo(ms: number): Promise<void>; stop(): Promise<void> } {
  const url = new URL(hubUrl);
  if (url.hostname !== '127.0.0.1') throw new Error(`refusing non-loopback target ${url.hostname}`);
  const pool = new Pool(url.origin, { connections: 64, pipelining: 1, keepAliveTimeout: 60_000 });
  const headers = { 'content-type': 'text/xml; charset=UTF-8', soapaction: `"${NAMESPACE}:Ping"`, 'x-vp-sender-id': 'BENCH-CONSUMER', 'x-vp-instance-id': instanceId };
  const samples: Sample[] = [];
  const errors: string[] = [];
  const inFlight = new Map<Promise<void>, number>();
  const start = performance.now();
  let sent = 0;
  let stopped = false;
  const call = async (scheduledMs: number): Promise<void> => {
    try {
      const res = await pool.request({ path: url.pathname, method: 'POST', headers, body: BODY });
      const text = await res.body.text();
      if (res.statusCode !== 200) errors.push(`${res.statusCode} ${text.slice(0, 200)}`);
    } catch (e) {
      errors.push((e as Error).message);
    }
    samples.push({ scheduledMs, latencyMs: performance.now() - scheduledMs });
  };
  const tick = (): void => {
    if (stopped) return;
    const due = Math.floor(((performance.now() - start) * RATE) / 1000);
    for (; sent < due; sent++) {
      const scheduledMs = start + (sent * 1000) / RATE;
      const p = call(scheduledMs);
      inFlight.set(p, scheduledMs);
      void p.finally(() => inFlight.delete(p));
    }
    setTimeout(tick, 1);
  };
  tick();
  return {
    samples,
    errors,
    /** resolves once every call scheduled before `ms` has been answered */
    async answeredUpTo(ms) {
      const deadline = performance.now() + JOB_TIMEOUT_MS;
      while ([...inFlight.values()].some((t) => t < ms) && performance.now() < deadline) await sleep(50);
    },
    async stop() {
      stopped = true;
      await Promise.all(inFlight.keys());
      await pool.close();
    },
  };
}

function p99(samples: Sample[], windows: Array<[number, number]>): { calls: number; p50Ms: number; p99Ms: number; maxMs: number } {
  const xs = samples.filter((s) => windows.some(([a, b]) => s.scheduledMs >= a && s.scheduledMs < b)).map((s) => s.latencyMs).sort((a, b) => a - b);
  const at = (q: number): number => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? NaN;
  return { calls: xs.length, p50Ms: at(0.5), p99Ms: at(0.99), maxMs: xs[xs.length - 1] ?? NaN };
}

/** Runs `job` and returns its window on the load's clock. */
async function timed(job: () => Promise<void>, load: { answeredUpTo(ms: number): Promise<void> }): Promise<[number, number]> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_r, reject) => (timer = setTimeout(() => reject(new Error(`a catalogue job took over ${JOB_TIMEOUT_MS} ms`)), JOB_TIMEOUT_MS)));
  try {
    await Promise.race([job(), limit]);
  } finally {
    clearTimeout(timer);
  }
  const window: [number, number] = [t0, performance.now()];
  await load.answeredUpTo(window[1]);
  await sleep(SETTLE_MS);
  return window;
}

function ipc<T>(child: Child<unknown>, message: unknown): Promise<T> {
  return new Promise((resolve, reject) => {
    child.proc.once('message', (m) => ((m as { error?: string }).error ? reject(new Error((m as { error: string }).error)) : resolve(m as T)));
    child.proc.send!(message as string);
  });
}

/** The files under `dir` as one zip in a temp folder, or undefined when there is no such folder. */
function zipOf(dir: string | undefined): { path: string; remove(): void } | undefined {
  if (!dir) return undefined;
  const files: Record<string, Uint8Array> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else files[relative(dir, path)] = readFileSync(path);
    }
  };
  walk(dir);
  const tmp = mkdtempSync(join(tmpdir(), 'ntjp-bench-zip-'));
  writeFileSync(join(tmp, 'releases.zip'), zipSync(files));
  return { path: join(tmp, 'releases.zip'), remove: () => rmSync(tmp, { recursive: true, force: true }) };
}

interface JobRow { job: string; jobSeconds: number; calls: number; p50Ms: number; p99Ms: number; maxMs: number; ratio: number }
interface Measured { rows: JobRow[]; publishRatio: number; imports: boolean; errors: string[] }

/** Every job once on a fresh platform whose hub listeners run on `workers` worker processes (0: in its main process). */
async function measureJobs(workers: number, producerPort: number, buildPath: string, zip: { path: string } | undefined): Promise<Measured> {
  const platform = await startNodeChild<PlatformReady>([...(process.env.TAK_STALL_PROFILE ? ['--cpu-prof', '--cpu-prof-dir', process.env.TAK_STALL_PROFILE] : []), buildPath, String(producerPort), String(workers)], true);
  try {
    const admin = platform.ready.adminUrl.replace('//localhost:', '//127.0.0.1:');
    const hubUrl = platform.ready.hubUrl.replace('//localhost:', '//127.0.0.1:');
    const call = async (method: 'GET' | 'POST', url: string, body?: string | object, headers: Record<string, string> = {}): Promise<string> => {
      const res = await request(url, { method, headers: { 'content-type': 'application/json', authorization: `Bearer ${platform.ready.token}`, ...headers }, body: body === undefined || typeof body === 'string' ? body : JSON.stringify(body) });
      const text = await res.body.text();
      if (res.statusCode >= 300) throw new Error(`${method} ${url}: ${res.statusCode} ${text.slice(0, 300)}`);
      return text;
    };
    const rest = (path: string, body: string | object): Promise<string> => call('POST', admin + path, body);
    const dryRunBody = JSON.stringify(bigOrder(DRY_RUN_ROWS, localToday(), 'SE2321000016-D'));
    const applyBody = JSON.stringify(bigOrder(DRY_RUN_ROWS, localToday(), 'SE2321000016-A'));
    const updates = Array.from({ length: EI_UPDATES }, (_v, r) => updateEnvelope(Array.from({ length: ENGAGEMENTS_PER_UPDATE }, (_w, j) => generatedEngagement(r * ENGAGEMENTS_PER_UPDATE + j, j))));
    const ingest = async (): Promise<void> => {
      let next = 0;
      const client = async (): Promise<void> => {
        while (next < updates.length) await call('POST', hubUrl, updates[next++]!, { 'content-type': 'text/xml; charset=UTF-8', 'x-vp-sender-id': 'BENCH-CONSUMER', 'x-vp-instance-id': platform.ready.instanceId });
      };
      await Promise.all(Array.from({ length: EI_CLIENTS }, client));
    };
    await ipc(platform, { prepare: ROWS });

    const load = openLoopLoad(hubUrl, platform.ready.instanceId);
    await sleep(2000); // warm-up, not counted
    const idle: Array<[number, number]> = [];
    const afterIdle = async (job: () => Promise<unknown>): Promise<[number, number]> => {
      idle.push(await timed(() => sleep(IDLE_MS), load));
      return timed(async () => void (await job()), load);
    };
    const rounds = async (n: number, job: () => Promise<unknown>): Promise<Array<[number, number]>> => {
      const windows: Array<[number, number]> = [];
      for (let i = 0; i < n; i++) windows.push(await afterIdle(job));
      return windows;
    };
    const dryRuns = await rounds(ROUNDS, () => rest('/api/tak/orders?dryRun=true', dryRunBody));
    const restApply = await rounds(1, () => rest('/api/tak/orders', applyBody));
    const eiIngest = await rounds(1, ingest);
    const imports = zip ? await rounds(ROUNDS, () => rest('/api/contracts/import', { path: zip.path })) : [];
    let applyMs = 0;
    const apply = await afterIdle(async () => void (applyMs = (await ipc<{ applied: number }>(platform, 'apply')).applied));
    const publishes: Array<[number, number]> = [];
    let bigVersion = 0;
    for (let i = 0; i < ROUNDS; i++) {
      if (i > 0) await timed(async () => void (await rest('/api/tak/logical-addresses', { hsaId: `SE2321000016-NEW${i}` })), load);
      publishes.push(await afterIdle(async () => (bigVersion ||= (JSON.parse(await rest('/api/tak/publish', { comment: `bench ${i}` })) as { id: number }).id)));
    }
    const download = await rounds(1, () => call('GET', `${admin}/api/tak/versions/${bigVersion}`));
    const consolePage = await rounds(1, () => call('GET', `${admin}/console/catalogue/versions/${bigVersion}`, undefined, { accept: 'text/html' }));
    await load.stop();

    const base = p99(load.samples, idle);
    const seconds = (ws: Array<[number, number]>): number => ws.reduce((s, [a, b]) => s + (b - a), 0) / ws.length / 1000;
    const row = (job: string, ws: Array<[number, number]>, jobSeconds = seconds(ws)): JobRow => {
      const r = p99(load.samples, ws);
      return { job, jobSeconds, calls: r.calls, p50Ms: r.p50Ms, p99Ms: r.p99Ms, maxMs: r.maxMs, ratio: r.p99Ms / base.p99Ms };
    };
    const publish = row(`publish ${ROWS} + ${ROWS} rows, hub and AgP switch (×${ROUNDS})`, publishes);
    const rows = [
      row(`idle, ${RATE} calls/s (${IDLE_MS / 1000} s before each job)`, idle),
      row(`dry run of ${DRY_RUN_ROWS} + ${DRY_RUN_ROWS} rows, REST (×${ROUNDS})`, dryRuns),
      row(`apply of ${DRY_RUN_ROWS} + ${DRY_RUN_ROWS} rows, REST`, restApply),
      row(`EI ingest, ${EI_UPDATES} Updates of ${ENGAGEMENTS_PER_UPDATE} through the hub`, eiIngest),
      ...(imports.length ? [row(`contract import, zip of the RIV reference folder (×${ROUNDS})`, imports)] : []),
      row(`apply of ${ROWS} + ${ROWS} rows (service call)`, [apply], applyMs / 1000),
      publish,
      row('download of that version, REST', download),
      row('console page of that version', consolePage),
    ];
    return { rows, publishRatio: publish.ratio, imports: imports.length > 0, errors: load.errors };
  } finally {
    await platform.stop();
  }
}

export async function run(): Promise<void> {
  const started: Array<{ stop(): Promise<void> }> = [];
  const keep = <C extends { stop(): Promise<void> }>(child: C): C => (started.push(child), child);
  try {
    const producer = keep(await startTsChild<{ port: number }>('./producer-process.ts', ['1024']));
    const build = keep(compileEntry('bench/support/tak-platform-process.ts', ['src/tak/job-worker.ts', 'src/vp/workers/worker-main.ts', 'src/contracts/hub-worker-hooks.ts']));
    const zip = zipOf(referenceDir());
    if (zip) keep({ stop: async () => zip.remove() });
    const measured = new Map<number, Measured>();
    for (const workers of WORKERS) measured.set(workers, await measureJobs(workers, producer.ready.port, build.path, zip));

    // One row per job, the figures of each worker setting side by side.
    const first = measured.get(WORKERS[0]!)!;
    const rows = first.rows.map((r, i) => {
      const out: Record<string, string | number> = { job: r.job };
      for (const [workers, m] of measured) {
        const w = m.rows[i]!;
        Object.assign(out, { [`w${workers} job s`]: w.jobSeconds, [`w${workers} p50 ms`]: w.p50Ms, [`w${workers} p99 ms`]: w.p99Ms, [`w${workers} vs idle`]: w.ratio });
      }
      return out;
    });
    const verdicts: Array<[string, boolean]> = [...measured].flatMap(([workers, m]): Array<[string, boolean]> => {
      const over = m.rows.slice(1).filter((r) => r.ratio > 2).map((r) => `${r.job}: ${r.ratio.toFixed(2)}`);
      return [
        [`workers ${workers}: p99 of a routed call during a publish of ${ROWS} + ${ROWS} rows within 2 × idle (ratio ${m.publishRatio.toFixed(2)})`, m.publishRatio <= 2],
        [`workers ${workers}: every job within 2 × idle${over.length ? ` (not: ${over.join('; ')})` : ''}`, over.length === 0],
        [`workers ${workers}: no failed call (${m.errors.length}${m.errors.length ? `: ${m.errors[0]}` : ''})`, m.errors.length === 0],
      ];
    });
    verdicts.push([`a contract import measured${first.imports ? '' : ' (no RIV reference folder: set NTJP_RIV_REFERENCE)'}`, first.imports]);
    report(`Heavy jobs and routed calls (p99 during a job), workers ${WORKERS.join(' and ')}`, rows, verdicts);
  } finally {
    for (const child of started.reverse()) await child.stop();
  }
}
