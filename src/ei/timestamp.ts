/** RIV `TS` timestamps, `yyyyMMddHHmmss` (the XSD's pattern for the type). */
const TS_PATTERN = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/;

/** Strict (non-lenient) parse like the real EI: 20230230… or hour 24 is refused. */
export function isValidTimestamp(value: string): boolean {
  const m = TS_PATTERN.exec(value);
  if (!m) return false;
  const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
  const daysInMonth = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return y >= 1 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysInMonth && h <= 23 && mi <= 59 && s <= 59;
}
