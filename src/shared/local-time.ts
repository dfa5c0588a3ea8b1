/**
 * Calendar dates and RIV timestamps in the platform's local time, as the real platform writes them: the
 * catalogue's validity days (docs/tak.md, "Data model"), the engagement index's creation and update times,
 * the aggregating services' ProcessingStatus and the registry's ping time.
 */
const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

/** `YYYY-MM-DD` of the local calendar day. */
export function localToday(now: Date = new Date()): string {
  return `${pad(now.getFullYear(), 4)}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** `yyyyMMddHHmmss`, the RIV `TS` type, in local time. */
export function localTimestamp(d: Date): string {
  return `${pad(d.getFullYear(), 4)}${pad(d.getMonth() + 1)}${pad(d.getDate())}${pad(d.getHours())}${pad(d.getMinutes())}${pad(d.getSeconds())}`;
}
