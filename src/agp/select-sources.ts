import type { CatalogueIndex } from '../vp/index.js';
import type { AggregatedContract } from './descriptors/index.js';
import type { Engagement } from './find-content.js';
import { mayFanOutTo } from './catalogue-access.js';
import { javaHashSetOrder } from './call-order.js';

export interface SourceSelection {
  /** the aggregator's own logical address: engagements pointing at it are dropped (NTP-2093) */
  selfAddress: string;
  /** the sender id and the original consumer id; either may hold the permission */
  consumers: readonly string[];
  /** the hub's compiled catalogue; none yet = nothing may be called */
  catalogue: CatalogueIndex | undefined;
  sourceFilter: string | undefined;
  /** `YYYY-MM-DD`, for catalogue validity */
  today: string;
}

/**
 * The filters of docs/agp.md "Flow" step 4 in order (categorization list, recursion guard, catalogue), then
 * the request's source filter and the distinct call targets (step 5), in the real AgP's call order. Dropped
 * engagements are silent: calling them would only give VP007 from the hub.
 */
export function selectSources(contract: AggregatedContract, engagements: readonly Engagement[], s: SourceSelection): string[] {
  const catalogue = s.catalogue;
  if (!catalogue) return [];
  const several = contract.categorizations.length > 1;
  const targets = new Set<string>();
  for (const e of engagements) {
    if (several && !contract.categorizations.includes(e.categorization.toLowerCase())) continue;
    if (e.logicalAddress === s.selfAddress) continue;
    if (!mayFanOutTo(catalogue, s.consumers, e.logicalAddress, contract.namespace, s.today)) continue;
    if (s.sourceFilter !== undefined && e.logicalAddress !== s.sourceFilter) continue;
    targets.add(contract.fanOutBy === 'logicalAddress' ? e.logicalAddress : e.sourceSystem);
  }
  return javaHashSetOrder(targets);
}
