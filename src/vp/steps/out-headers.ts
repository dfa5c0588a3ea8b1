/**
 * Step 8, headers to the producer (docs/vp.md, "What happens to a call"): every consumer header passes except
 * the strip list; sender and instance id only to http:// producers; the correlation id to https only when
 * configured; the original consumer and the routing history as the earlier steps decided. The platform's
 * secret goes only to its own services port, never from a consumer and never to another producer.
 */
import { HEADER, HOP_BY_HOP, STRIP_TO_PRODUCER } from '../headers.js';
import { PLATFORM_SECRET_HEADER, platformServiceHeaders } from '../../platform/soap-server.js';
import type { HubDeps, VpExchange } from '../exchange.js';

export function buildOutHeaders(ex: VpExchange, hub: HubDeps): void {
  const { config } = hub;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(ex.headers)) {
    if (value === undefined || HOP_BY_HOP.has(name) || STRIP_TO_PRODUCER.test(name) || name === config.certHeader || name === PLATFORM_SECRET_HEADER) continue;
    out[name] = Array.isArray(value) ? value.join(', ') : value;
  }
  const https = ex.route!.url.startsWith('https:');
  if (!https) {
    out[HEADER.senderId] = ex.sender!;
    out[HEADER.instanceId] = config.instanceId;
  }
  if (!https || config.propagateCorrelationIdHttps) out[HEADER.correlationId] = ex.correlationId;
  else delete out[HEADER.correlationId];
  out[HEADER.originalConsumer] = ex.originalConsumer!;
  if (ex.routingHistory) out[HEADER.routingHistory] = ex.routingHistory;
  out['content-type'] = 'text/xml;charset=UTF-8';
  out['user-agent'] = config.userAgent;
  Object.assign(out, platformServiceHeaders(hub.platformServices, ex.route!.url));
  ex.outHeaders = out;
}
