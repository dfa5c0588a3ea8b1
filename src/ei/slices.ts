/** Transactions handled between two turns of the event loop while a request is read and validated. */
export const SLICE_TRANSACTIONS = 100;

/**
 * `items.map(fn)` in slices of SLICE_TRANSACTIONS, each after a turn of the event loop, so a request of 1000
 * engagements does not hold routed calls for the whole of its reading (docs/ei.md, "Large requests"). The
 * first exception ends it, as in `map`.
 */
export async function mapInSlices<T, R>(items: readonly T[], fn: (item: T, index: number) => R): Promise<R[]> {
  const out: R[] = [];
  for (let start = 0; start < items.length; start += SLICE_TRANSACTIONS) {
    await new Promise((resolve) => setImmediate(resolve));
    const end = Math.min(items.length, start + SLICE_TRANSACTIONS);
    for (let i = start; i < end; i++) out.push(fn(items[i]!, i));
  }
  return out;
}
