import type { TrafficEntry } from '../../vp/index.js';

/**
 * What the availability record reads from one call in the hub's traffic log (`VpApi.traffic.subscribe`).
 * The hub's entries carry more; these are the fields that say whether the producer answered.
 */
export type TrafficCall = Pick<TrafficEntry, 'receiver' | 'contract' | 'producerUrl' | 'faultCode'>;

/**
 * Hub faults other than VP009 are raised before the producer is reached (routing, authorization, the
 * consumer's own message: shared/spec/vp-and-tak.md §2), so they say nothing about the producer. VP009 is the
 * producer failing (refused, timeout, bad status; §3). Anything else, a producer's own SOAP fault included,
 * means the producer answered.
 */
export function producerAnswered(call: TrafficCall): boolean | undefined {
  if (!call.producerUrl || !call.contract) return undefined;
  if (call.faultCode === 'VP009') return false;
  if (call.faultCode) return undefined;
  return true;
}
