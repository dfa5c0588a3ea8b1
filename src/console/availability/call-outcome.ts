/**
 * What the availability record reads from one call in the hub's traffic log. The hub's entries carry more;
 * these are the fields that say whether the producer answered.
 */
export interface TrafficCall {
  receiver?: string;
  /** the contract's Responder namespace */
  namespace?: string;
  producerUrl?: string;
  faultCode?: string;
}

/**
 * Hub faults other than VP009 are raised before the producer is reached (routing, authorization, the
 * consumer's own message: shared/spec/vp-and-tak.md §2), so they say nothing about the producer. VP009 is the
 * producer failing (refused, timeout, bad status; §3). Anything else, a producer's own SOAP fault included,
 * means the producer answered.
 */
export function producerAnswered(call: TrafficCall): boolean | undefined {
  if (!call.producerUrl || !call.namespace) return undefined;
  if (call.faultCode === 'VP009') return false;
  if (call.faultCode && /^VP\d{3}$/.test(call.faultCode)) return undefined;
  return true;
}
