/**
 * Closed-loop load generator in its own process: `connections` callers each send the next request as soon
 * as the previous answer has been read, for `durationMs` after a warm-up (bounded by `maxRequests` too).
 * Prints one JSON line with throughput and latency percentiles. Loopback targets only.
 */
import { Pool } from 'undici';
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';

import type { LoadConfig } from './run-load.js';

/** run-load.ts fills in the defaults */
const cfg = JSON.parse(process.argv[2]!) as Required<Omit<LoadConfig, 'tls' | 'cpus'>> & Pick<LoadConfig, 'tls' | 'cpus'>;
const url = new URL(cfg.url);
// Pins every thread the process has now; threads started later inherit it.
if (cfg.cpus) spawnSync('taskset', ['-a', '-p', '-c', cfg.cpus, String(process.pid)], { stdio: 'ignore' });
if (!['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname)) throw new Error(`refusing non-loopback target ${url.hostname}`);
const pool = new Pool(url.origin, {
  connections: cfg.connections,
  pipelining: 1,
  keepAliveTimeout: 60_000,
  connect: cfg.tls
    ? { cert: readFileSync(cfg.tls.certFile), key: readFileSync(cfg.tls.keyFile), ca: readFileSync(cfg.tls.caFile), servername: 'localhost' }
    : undefined,
});

const samples = new Float64Array(Math.min(cfg.maxRequests, 5_000_000));
let count = 0;
/** every answered call, warm-up included (for CPU-per-call figures of the target) */
let completed = 0;
let errors = 0;
let measuring = false;
let stop = false;

async function caller(): Promise<void> {
  while (!stop) {
    const t0 = performance.now();
    try {
      const res = await pool.request({ path: url.pathname, method: 'POST', headers: cfg.headers, body: cfg.body });
      await res.body.dump();
      if (res.statusCode !== 200) errors++;
    } catch {
      errors++;
    }
    completed++;
    if (measuring && count < samples.length) samples[count++] = performance.now() - t0;
    if (count >= samples.length) stop = true;
  }
}

function percentile(sorted: Float64Array, p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

const callers = Array.from({ length: cfg.connections }, () => caller());
await new Promise((r) => setTimeout(r, cfg.warmupMs));
errors = 0;
measuring = true;
const started = performance.now();
await new Promise((r) => setTimeout(r, cfg.durationMs));
stop = true;
const elapsedMs = performance.now() - started;
measuring = false;
await Promise.all(callers);
await pool.close();
const sorted = samples.slice(0, count).sort();
process.stdout.write(
  JSON.stringify({
    requests: count,
    completed,
    errors,
    rps: (count / elapsedMs) * 1000,
    p50Ms: percentile(sorted, 50),
    p95Ms: percentile(sorted, 95),
    p99Ms: percentile(sorted, 99),
  }) + '\n',
);
