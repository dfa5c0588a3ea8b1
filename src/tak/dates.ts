/** Day-resolution dates of the catalogue (`YYYY-MM-DD`), valid inclusively at both ends (docs/tak.md, "Data model"). */
import type { IsoDate } from './snapshot.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDate(s: unknown): s is IsoDate {
  if (typeof s !== 'string' || !DATE.test(s)) return false;
  const d = new Date(s + 'T00:00:00Z');
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function addYears(date: IsoDate, years: number): IsoDate {
  const d = new Date(date + 'T00:00:00Z');
  d.setUTCFullYear(d.getUTCFullYear() + years);
  return d.toISOString().slice(0, 10);
}

/** Two inclusive periods share at least one day. */
export function overlaps(a: { from: IsoDate; to: IsoDate }, b: { from: IsoDate; to: IsoDate }): boolean {
  return a.from <= b.to && b.from <= a.to;
}
