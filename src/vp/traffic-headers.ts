/**
 * Headers a traffic log entry keeps: the consumer's as the hub received them and the hub's to the producer.
 * Bounded like the log's other texts, and credentials are never kept, only that they were there.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { boundedText } from '../shared/bounded-text.js';
import { PLATFORM_SECRET_HEADER } from '../platform/soap-server.js';

/** name (lower case) → value, in the order received */
export type RecordedHeaders = Record<string, string>;

/**
 * Headers kept per set: with more, the first ones and the last TRAFFIC_HEADERS_TAIL (where the hub puts its
 * own on the way to the producer), and under the name `…` how many were left out between them.
 */
export const TRAFFIC_HEADERS_MAX = 50;
const TRAFFIC_HEADERS_TAIL = 10;
/** Longest header name and value kept (a client certificate in a header is longer and ends in `…`). */
export const TRAFFIC_HEADER_MAX_CHARS = 256;
/** What a hidden header's value reads as in the log. */
export const HIDDEN_VALUE = '(hidden)';
export const LEFT_OUT_NAME = '…';

const HIDDEN: ReadonlySet<string> = new Set(['authorization', 'proxy-authorization', 'cookie', PLATFORM_SECRET_HEADER]);

export function recordedHeaders(headers: IncomingHttpHeaders | Record<string, string>): RecordedHeaders {
  const all = Object.entries(headers).filter((h): h is [string, string | string[]] => h[1] !== undefined);
  const leftOut = Math.max(0, all.length - TRAFFIC_HEADERS_MAX);
  const kept = leftOut === 0 ? all : [...all.slice(0, TRAFFIC_HEADERS_MAX - TRAFFIC_HEADERS_TAIL), ...all.slice(-TRAFFIC_HEADERS_TAIL)];
  const out: RecordedHeaders = {};
  for (const [name, value] of kept) {
    const key = name.toLowerCase();
    const text = Array.isArray(value) ? value.join(', ') : value;
    out[boundedText(key, TRAFFIC_HEADER_MAX_CHARS)] = HIDDEN.has(key) ? HIDDEN_VALUE : boundedText(text, TRAFFIC_HEADER_MAX_CHARS);
    if (leftOut > 0 && Object.keys(out).length === TRAFFIC_HEADERS_MAX - TRAFFIC_HEADERS_TAIL) out[LEFT_OUT_NAME] = `${leftOut} more headers not kept`;
  }
  return out;
}

export const headerBytes = (headers: RecordedHeaders): number => Object.entries(headers).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(v), 0);
