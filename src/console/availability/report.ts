import { clipIntervals, subtractIntervals, totalMs, type Interval } from './intervals.js';
import { monthInterval, type MonthKey } from './month.js';
import type { AvailabilityStore, PlannedOutage, StateChange } from './store.js';

/** The service terms' target for all four 1177 services (docs/console.md, "Availability"). */
export const TARGET_PERCENT = 99.8;

/** `100 − downtime / total × 100`; undefined when nothing was monitored. */
export function availabilityPercent(downtimeMs: number, totalMsValue: number): number | undefined {
  if (totalMsValue <= 0) return undefined;
  return 100 - (downtimeMs / totalMsValue) * 100;
}

/** A down period and its cause: what the observation that found the producer down said (a fault code, a probe's detail). */
export interface Outage extends Interval {
  cause: string;
}

/** Down periods from a key's state changes: from a change to down until the next change to up (or `endMs`). */
export function downIntervals(changes: readonly StateChange[], endMs: number): Outage[] {
  const out: Outage[] = [];
  let down: StateChange | undefined;
  for (const c of changes) {
    if (!c.up && down === undefined) down = c;
    if (c.up && down !== undefined) {
      out.push({ fromMs: down.atMs, toMs: c.atMs, cause: causeOf(down) });
      down = undefined;
    }
  }
  if (down !== undefined && down.atMs < endMs) out.push({ fromMs: down.atMs, toMs: endMs, cause: causeOf(down) });
  return out;
}

function causeOf(change: StateChange): string {
  return `${change.source === 'call' ? 'call through the hub' : 'probe'}: ${change.detail || 'down'}`;
}

export interface AvailabilityRow {
  producer: string;
  contract: string;
  /** monitored time in the month: from the first observation (or month start) to the month end (or now) */
  totalMs: number;
  /** downtime before planned outages are taken out */
  observedDowntimeMs: number;
  /** downtime that fell inside planned outages (not counted) */
  plannedMs: number;
  downtimeMs: number;
  percent: number | undefined;
  meetsTarget: boolean | undefined;
  window: Interval;
  down: Outage[];
  planned: Interval[];
}

export interface MonthReport {
  month: MonthKey;
  targetPercent: number;
  rows: AvailabilityRow[];
  outages: PlannedOutage[];
}

/**
 * One calendar month per (producer, contract). Planned outages recorded in the console are taken out of the
 * downtime, not of the total time: the service terms count them as neither fault nor availability loss.
 */
export async function monthReport(store: AvailabilityStore, month: MonthKey, nowMs: number): Promise<MonthReport> {
  const bounds = monthInterval(month);
  const end = Math.min(bounds.toMs, nowMs);
  const outages = await store.outages(bounds.fromMs, bounds.toMs);
  const rows: AvailabilityRow[] = [];
  for (const key of await store.keys()) {
    if (key.firstMs >= end) continue;
    const window = { fromMs: Math.max(bounds.fromMs, key.firstMs), toMs: end };
    const down = clipIntervals(downIntervals(await store.changes(key.producer, key.contract, end), end), window);
    const planned = clipIntervals(
      outages.filter((o) => o.producer === key.producer && (o.contract === '' || o.contract === key.contract)),
      window,
    );
    const counted = subtractIntervals(down, planned);
    const observedDowntimeMs = totalMs(down);
    const downtimeMs = totalMs(counted);
    const total = window.toMs - window.fromMs;
    const percent = availabilityPercent(downtimeMs, total);
    rows.push({
      producer: key.producer,
      contract: key.contract,
      totalMs: total,
      observedDowntimeMs,
      plannedMs: observedDowntimeMs - downtimeMs,
      downtimeMs,
      percent,
      meetsTarget: percent === undefined ? undefined : percent >= TARGET_PERCENT,
      window,
      down,
      planned,
    });
  }
  return { month, targetPercent: TARGET_PERCENT, rows: rows.sort(worstFirst), outages };
}

/** Producers below the target first, then the least available, then by name. */
function worstFirst(a: AvailabilityRow, b: AvailabilityRow): number {
  const rank = (r: AvailabilityRow): number => (r.meetsTarget === false ? 0 : r.meetsTarget === undefined ? 2 : 1);
  return rank(a) - rank(b) || (a.percent ?? 101) - (b.percent ?? 101) || (a.producer < b.producer ? -1 : a.producer > b.producer ? 1 : a.contract < b.contract ? -1 : 1);
}
