/**
 * Headers a traffic log entry keeps: the consumer's as the hub received them and the hub's to the producer.
 * Bounded like the log's other texts, and credentials are never kept, only that they were there.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { boundedText } from '../shared/bounded-text.js';
import { PLATFORM_SECRET_HEADER } from '../platform/soap-server.js';

/** name (lower case) → value, in the order received */
export type RecordedHeaders = Record<string, string>;

/** Headers kept per set; a request with more keeps the first ones. */
export const TRAFFIC_HEADERS_MAX = 50;
/** Longest header name and value kept (a client certificate in a header is longer and ends in `…`). */
export const TRAFFIC_HEADER_MAX_CHARS = 256;
/** What a hidden header's value reads as in the log. */
export const HIDDEN_VALUE = '(hidden)';

const HIDDEN: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie', PLATFORM_SECRET_HEADER]);

export function recordedHeaders(headers: IncomingHttpHeaders | Record<string, string>): RecordedHeaders {
  const out: RecordedHeaders = {};
  let kept = 0;
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    if (kept++ === TRAFFIC_HEADERS_MAX) break;
    const text = Array.isArray(value) ? value.join(', ') : String(value);
    out[boundedText(name.toLowerCase(), TRAFFIC_HEADER_MAX_CHARS)] = HIDDEN.has(name.toLowerCase()) ? HIDDEN_VALUE : boundedText(text, TRAFFIC_HEADER_MAX_CHARS);
  }
  return out;
}

export const headerBytes = (headers: RecordedHeaders): number => Object.entries(headers).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
