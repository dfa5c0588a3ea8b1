import type { CatalogueSnapshot, PermissionFilter } from '../tak/snapshot.js';
import type { Engagement } from './fields.js';
import { EI_NS } from './namespaces.js';

/** A system to notify (prenumerant) and the filters on its permission. */
export interface Subscriber {
  logicalAddress: string;
  filters: PermissionFilter[];
}

const today = (): string => new Date().toISOString().slice(0, 10);

/**
 * The subscribers: the logical addresses where the EI's sender identity may call ProcessNotification in the
 * published catalogue, as GetLogicalAddresseesByServiceContract v2 would answer (docs/ei.md, "Notification").
 * Read in-process from the snapshot instead of through the hub; the answer is the same.
 */
export function subscribersOf(snapshot: CatalogueSnapshot | undefined, consumerHsaId: string, on: string = today()): Subscriber[] {
  const byAddress = new Map<string, Subscriber>();
  for (const p of snapshot?.permissions ?? []) {
    if (p.namespace !== EI_NS.processNotification || p.consumer.toUpperCase() !== consumerHsaId.toUpperCase() || p.from > on || p.to < on) continue;
    const s = byAddress.get(p.logicalAddress) ?? { logicalAddress: p.logicalAddress, filters: [] };
    s.filters.push(...p.filters);
    byAddress.set(p.logicalAddress, s);
  }
  return [...byAddress.values()];
}

/**
 * The subscriber filter: no filters = everything; else some filter's serviceDomain equals the engagement's and its
 * categorization list is empty or holds the engagement's categorization (both case-insensitive).
 */
export function subscriberWants(s: Subscriber, e: Engagement): boolean {
  if (s.filters.length === 0) return true;
  const domain = e.serviceDomain.toLowerCase();
  const category = e.categorization.toLowerCase();
  return s.filters.some((f) => f.serviceDomain.toLowerCase() === domain
    && (f.categorizations.length === 0 || f.categorizations.some((c) => c.toLowerCase() === category)));
}
