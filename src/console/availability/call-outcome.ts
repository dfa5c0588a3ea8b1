import type { TrafficEntry } from '../../vp/index.js';

/**
 * What the availability record reads from one call in the hub's traffic log (`VpApi.traffic.subscribe`).
 * The hub's entries carry more; these are the fields that say whether the producer answered.
 */
export type TrafficCall = Pick<TrafficEntry, 'receiver' | 'contract' | 'producerUrl' | 'outcome' | 'faultCode'>;

/**
 * Hub faults other than VP009 are raised before the producer is reached (routing, authorization, the
 * consumer's own message: docs/vp.md, "Faults"), so they say nothing about the producer; VP009 is the
 * producer failing (refused, timeout, bad status). A strict traffic validation refusal of the request
 * (NTJP-CONTRACT001) is made before the producer is called; one of the response (NTJP-CONTRACT002) means
 * the producer answered, if wrongly. A producer's own SOAP fault is an answer too. On a format adapter's leg
 * (docs/adapters.md) the producer is the SHS or SSEK receiver: unreachable (NTJP-ADAPTER002) is not an answer,
 * no mapping or a duplicate (001, 006) never reached it, every other adapter fault is its answer.
 */
const ANSWERED_BY_OUTCOME: Record<TrafficEntry['outcome'], (faultCode: string | undefined) => boolean | undefined> = {
  ok: () => true,
  'producer-fault': () => true,
  'vp-fault': (code) => (code === 'VP009' ? false : undefined),
  'contract-fault': (code) => (code === 'NTJP-CONTRACT002' ? true : undefined),
  'adapter-fault': (code) => (code === 'NTJP-ADAPTER002' ? false : code === 'NTJP-ADAPTER001' || code === 'NTJP-ADAPTER006' ? undefined : true),
  // Like VP009: the producer broke off, or answered past the size limit.
  'answer-cut': () => false,
};

export function producerAnswered(call: TrafficCall): boolean | undefined {
  if (!call.producerUrl || !call.contract) return undefined;
  return ANSWERED_BY_OUTCOME[call.outcome](call.faultCode);
}
