import type { SoapCall, SoapReply } from '../platform/soap-server.js';
import { VERSION } from '../platform/version.js';
import { HEADER } from '../shared/soap/namespaces.js';

/** The aggregator's `Server` header; the hub relays it as it relays any producer's (docs/agp.md, "Answer headers"). */
export const AGP_SERVER = `ntjp-emulator-agp/${VERSION}`;

/**
 * The HTTP headers an aggregated answer leaves AgP with, so that the hub's relay of a producer's answer gives
 * the consumer what a routed answer gives: its length (one write, not chunked), a `Server` header, and the
 * routing history the call arrived with. The real AgP keeps its request headers on the answer and its response
 * header filter does not remove the routing history, so the consumer gets the history the hub built.
 */
export function withAnswerHeaders(reply: SoapReply, call: SoapCall): SoapReply {
  const headers: Record<string, string> = { ...reply.headers, 'content-length': String(Buffer.byteLength(reply.body)), server: AGP_SERVER };
  const history = call.headers[HEADER.routingHistory];
  if (typeof history === 'string' && history) headers[HEADER.routingHistory] = history;
  return { ...reply, headers };
}
