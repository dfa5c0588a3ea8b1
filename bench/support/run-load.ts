/** Runs the closed-loop load generator (load-process.ts) in its own process and returns what it measured. */
import { startTsChild } from './child.js';

export interface LoadConfig {
  url: string;
  body: string;
  headers: Record<string, string>;
  connections: number;
  durationMs: number;
  /** default 1000 */
  warmupMs?: number;
  /** default 3,000,000 */
  maxRequests?: number;
  tls?: { certFile: string; keyFile: string; caFile: string };
  /** CPUs the load generator is pinned to (`taskset -c` list), so it does not take the measured processes' cores */
  cpus?: string;
}

export interface LoadResult {
  /** calls measured (after the warm-up) */
  requests: number;
  /** answered calls, warm-up included */
  completed: number;
  errors: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
}

export async function runLoad(cfg: LoadConfig): Promise<LoadResult> {
  const child = await startTsChild<LoadResult>('./load-process.ts', [JSON.stringify({ warmupMs: 1000, maxRequests: 3_000_000, ...cfg })]);
  await child.stop();
  return child.ready;
}
