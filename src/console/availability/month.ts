import type { Interval } from './intervals.js';

/** A calendar month, `YYYY-MM`. Months are taken in UTC (docs/console.md says why). */
export type MonthKey = string;

const MONTH_KEY = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonthKey(s: string): boolean {
  return MONTH_KEY.test(s);
}

export function monthOf(ms: number): MonthKey {
  return new Date(ms).toISOString().slice(0, 7);
}

export function monthInterval(month: MonthKey): Interval {
  const m = MONTH_KEY.exec(month);
  if (!m) throw new RangeError(`not a month (YYYY-MM): ${month}`);
  const year = Number(m[1]);
  const index = Number(m[2]) - 1;
  return { fromMs: Date.UTC(year, index, 1), toMs: Date.UTC(year, index + 1, 1) };
}

/** Every month from the one holding `fromMs` to the one holding `toMs`, newest first. */
export function monthsBetween(fromMs: number, toMs: number): MonthKey[] {
  const out: MonthKey[] = [];
  for (let month = monthOf(toMs); out.length < 600; ) {
    out.push(month);
    const start = monthInterval(month).fromMs;
    if (start <= fromMs) break;
    month = monthOf(start - 1);
  }
  return out;
}
