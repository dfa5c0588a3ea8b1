import type { TrafficEntry } from '../../vp/index.js';

/** What the rollup reads of a call through the hub (`VpApi.traffic.subscribe`). */
export type RolledCall = Pick<TrafficEntry, 'contract' | 'outcome' | 'durationMs'>;

export const ROLLUP_MINUTES = 60;
const MINUTE_MS = 60_000;

/**
 * Upper bounds of the latency buckets (ms), about 1.5× apart: a quantile read from them is at most one bucket
 * off, and a minute of one contract costs the same few hundred bytes however many calls it had.
 */
const BUCKET_BOUNDS_MS = [0.5, 1, 1.5, 2, 3, 5, 7.5, 10, 15, 20, 30, 50, 75, 100, 150, 200, 300, 500, 750, 1000, 1500, 2000, 3000, 5000, 7500, 10_000, 15_000, 20_000, 30_000, 60_000];

interface Cell {
  calls: number;
  errors: number;
  maxMs: number;
  /** calls per latency bucket; the last counts calls beyond the last bound */
  buckets: Uint32Array;
}

export interface MinutePoint {
  /** the minute's start */
  atMs: number;
  calls: number;
  /** percent of the minute's calls that did not end `ok` (hub, producer or contract faults); undefined without calls */
  errorPercent: number | undefined;
  p50Ms: number | undefined;
  p99Ms: number | undefined;
}

export interface ContractSeries {
  contract: string;
  calls: number;
  /** one point per minute, oldest first, the current minute last */
  points: MinutePoint[];
}

/** The latency below which `q` of the cell's calls fell: the bucket's bound, never above the slowest call. */
function quantileMs(cell: Cell, q: number): number {
  const want = Math.ceil(q * cell.calls);
  let seen = 0;
  for (let b = 0; b < cell.buckets.length; b++) {
    seen += cell.buckets[b]!;
    if (seen >= want) return Math.min(BUCKET_BOUNDS_MS[b] ?? cell.maxMs, cell.maxMs);
  }
  return cell.maxMs;
}

/**
 * Calls, errors and latency per contract and minute over the last hour, kept in memory: the dashboard's
 * source. `record` runs on every call through the hub, so it only adds to counters; minutes older than an
 * hour are dropped as new ones start.
 */
export class MinuteRollup {
  private readonly minutes = new Map<number, Map<string, Cell>>();

  constructor(private readonly clock: () => number = Date.now) {}

  record(call: RolledCall): void {
    const minute = Math.floor(this.clock() / MINUTE_MS);
    let cells = this.minutes.get(minute);
    if (!cells) {
      cells = new Map();
      this.minutes.set(minute, cells);
      for (const m of this.minutes.keys()) if (m <= minute - ROLLUP_MINUTES) this.minutes.delete(m);
    }
    const contract = call.contract ?? '(no contract)';
    let cell = cells.get(contract);
    if (!cell) {
      cell = { calls: 0, errors: 0, maxMs: 0, buckets: new Uint32Array(BUCKET_BOUNDS_MS.length + 1) };
      cells.set(contract, cell);
    }
    cell.calls++;
    if (call.outcome !== 'ok') cell.errors++;
    cell.maxMs = Math.max(cell.maxMs, call.durationMs);
    const bucket = BUCKET_BOUNDS_MS.findIndex((bound) => call.durationMs <= bound);
    cell.buckets[bucket === -1 ? BUCKET_BOUNDS_MS.length : bucket]!++;
  }

  /** Every contract called in the last hour, the most called first. */
  series(): ContractSeries[] {
    const last = Math.floor(this.clock() / MINUTE_MS);
    const minutes = Array.from({ length: ROLLUP_MINUTES }, (_v, i) => last - ROLLUP_MINUTES + 1 + i);
    const contracts = new Set(minutes.flatMap((m) => [...(this.minutes.get(m)?.keys() ?? [])]));
    return [...contracts]
      .map((contract) => {
        const points = minutes.map((m): MinutePoint => {
          const cell = this.minutes.get(m)?.get(contract);
          if (!cell) return { atMs: m * MINUTE_MS, calls: 0, errorPercent: undefined, p50Ms: undefined, p99Ms: undefined };
          return { atMs: m * MINUTE_MS, calls: cell.calls, errorPercent: (cell.errors / cell.calls) * 100, p50Ms: quantileMs(cell, 0.5), p99Ms: quantileMs(cell, 0.99) };
        });
        return { contract, calls: points.reduce((n, p) => n + p.calls, 0), points };
      })
      .sort((a, b) => b.calls - a.calls || (a.contract < b.contract ? -1 : 1));
  }
}
