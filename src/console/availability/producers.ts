import type { CatalogueSnapshot, RouteEntry } from '../../tak/snapshot.js';

/** The ping contract every producing component exposes (RIV-TA Basic Profile 2.1's ping rule). */
export const PING_NAMESPACE = 'urn:riv:itintegration:monitoring:PingForConfigurationResponder:1';

/** A producer as the availability record sees it: a service component and the routes it answers. */
export interface ProducerTarget {
  producer: string;
  routes: RouteEntry[];
}

function today(nowMs: number): string {
  return new Date(nowMs).toISOString().slice(0, 10);
}

/** Producers of the routes valid today, grouped by service component (by URL where no component is named). */
export function producersOf(snapshot: CatalogueSnapshot | undefined, nowMs: number): ProducerTarget[] {
  const day = today(nowMs);
  const byProducer = new Map<string, RouteEntry[]>();
  for (const r of snapshot?.routes ?? []) {
    if (r.from > day || r.to < day) continue;
    const producer = r.component || r.url;
    byProducer.set(producer, [...(byProducer.get(producer) ?? []), r]);
  }
  return [...byProducer].map(([producer, routes]) => ({ producer, routes }));
}

/** The producer behind a call: the component of the route with that URL and contract, else the URL. */
export function producerOfCall(snapshot: CatalogueSnapshot | undefined, url: string, contract: string, receiver: string): string {
  const routes = snapshot?.routes ?? [];
  const route =
    routes.find((r) => r.url === url && r.namespace === contract) ??
    routes.find((r) => r.logicalAddress === receiver && r.namespace === contract) ??
    routes.find((r) => r.url === url);
  return route?.component || url;
}
