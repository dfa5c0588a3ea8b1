/**
 * Every way a producer call fails, as the consumer sees it: VP009 naming the producer's URL, with
 * `VP_PRODUCER_EXCEPTION_HTTP_STATUS=<n>` on a new line when the producer answered with a status. A producer's
 * own SOAP fault is not among them: it passes through (docs/vp.md, "What happens to a call").
 */
import { STATUS_CODES } from 'node:http';
import { VpFault, vpFault } from '../faults.js';

const TIMEOUTS = new Set(['UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);
const TIMEOUT_TEXT = 'Timeout when waiting on response from producer.';

export const errorCode = (e: unknown): string => (e as { code?: string }).code ?? (e as Error).name ?? 'Error';

export function producerFault(url: string, info: string, status?: number): VpFault {
  return vpFault('VP009', url, info, status === undefined ? '' : `\nVP_PRODUCER_EXCEPTION_HTTP_STATUS=${status}`);
}

export function emptyAnswer(url: string, status: number): VpFault {
  // Worded like the real VP, which names the status with its reason phrase ("200 OK").
  return producerFault(url, `EmptyResponse: Empty message when server responded with status code: ${status} ${STATUS_CODES[status] ?? ''}`.trimEnd(), status);
}

export function transportFault(url: string, e: unknown): VpFault {
  const code = errorCode(e);
  return producerFault(url, TIMEOUTS.has(code) ? `${code}: ${TIMEOUT_TEXT}` : `${code}: ${(e as Error).message}`);
}

/** Why an answer is refused, or cut off, for its size. */
export const tooLargeInfo = (limit: number, what = 'response'): string => `ResponseTooLarge: ${what} is larger than the limit of ${limit} bytes`;
