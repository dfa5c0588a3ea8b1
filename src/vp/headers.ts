/**
 * Header names the hub reads and writes, and the filter lists (docs/vp.md, "What happens to a call"). Names
 * are lower-case because node:http and undici hand them over lower-cased.
 */
export { HEADER } from '../shared/soap/namespaces.js';

/** Stripped towards the producer, except `x-vp-sender-id` / `x-vp-instance-id` (set by the hub itself). */
export const STRIP_TO_PRODUCER = /^(?:x-vp.*|peer_certificates|x-forwarded.*|mule_.*|x-mule_.*|connection|accept-encoding|x-forwarded-tls-client-cert)$/;

/**
 * Hop-by-hop and framing headers that undici refuses or computes itself; content-length is recomputed
 * by the forward step when the RIV profile conversion changes the prefix.
 */
export const HOP_BY_HOP = new Set(['host', 'content-length', 'transfer-encoding', 'keep-alive', 'upgrade', 'expect', 'te', 'trailer', 'proxy-connection']);

/** Stripped towards the consumer. */
export const STRIP_TO_CONSUMER = /^(?:soapaction|mule_.*|x-mule_.*|local_certificates|peer_certificates|http\.method)$/;

/** Response headers the hub sets itself (framing and its own stamps). */
export const CONSUMER_OWN = new Set(['content-type', 'transfer-encoding', 'connection', 'keep-alive', 'x-skltp-prt', 'x-skltp-correlation-id']);
