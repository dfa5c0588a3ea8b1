/**
 * Caller-chosen text that outlives a request (traffic log fields, metric labels, error messages) is cut to a
 * known length and copied: in V8 a short slice of a long string can keep the whole long string alive.
 */
const CUT_MARK = '…';

/** `value` as a fresh string of at most `maxChars` characters; a longer one is cut and ends in `…`. */
export function boundedText(value: string, maxChars: number): string {
  const kept = value.length > maxChars ? value.slice(0, Math.max(0, maxChars - CUT_MARK.length)) + CUT_MARK : value;
  return Buffer.from(kept, 'utf8').toString('utf8');
}
