/** Half-open time intervals `[fromMs, toMs)` and the arithmetic the availability formula needs. */
export interface Interval {
  fromMs: number;
  toMs: number;
}

export function totalMs(intervals: readonly Interval[]): number {
  return intervals.reduce((sum, i) => sum + (i.toMs - i.fromMs), 0);
}

/** Sorted, non-overlapping union of the given intervals (empty ones dropped). */
export function mergeIntervals(intervals: readonly Interval[]): Interval[] {
  const sorted = intervals.filter((i) => i.toMs > i.fromMs).sort((a, b) => a.fromMs - b.fromMs);
  const out: Interval[] = [];
  for (const i of sorted) {
    const last = out[out.length - 1];
    if (last && i.fromMs <= last.toMs) last.toMs = Math.max(last.toMs, i.toMs);
    else out.push({ ...i });
  }
  return out;
}

/** The intervals cut to `window` (what else each carries is kept). */
export function clipIntervals<T extends Interval>(intervals: readonly T[], window: Interval): T[] {
  return intervals
    .map((i) => ({ ...i, fromMs: Math.max(i.fromMs, window.fromMs), toMs: Math.min(i.toMs, window.toMs) }))
    .filter((i) => i.toMs > i.fromMs);
}

/** The parts of `intervals` not covered by any of `holes`. */
export function subtractIntervals(intervals: readonly Interval[], holes: readonly Interval[]): Interval[] {
  const cut = mergeIntervals(holes);
  const out: Interval[] = [];
  for (const i of mergeIntervals(intervals)) {
    let start = i.fromMs;
    for (const h of cut) {
      if (h.toMs <= start || h.fromMs >= i.toMs) continue;
      if (h.fromMs > start) out.push({ fromMs: start, toMs: h.fromMs });
      start = Math.max(start, h.toMs);
    }
    if (start < i.toMs) out.push({ fromMs: start, toMs: i.toMs });
  }
  return out;
}
