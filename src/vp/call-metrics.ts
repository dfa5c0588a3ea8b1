/** The hub's Prometheus metrics (issue 2 §10): calls by contract, receiver and outcome; latencies. */
import type { Counter, Histogram, MetricsRegistry } from '../shared/metrics.js';

export interface HubMetrics {
  calls: Counter;
  hubSeconds: Histogram;
  producerSeconds: Histogram;
}

export function registerHubMetrics(registry: MetricsRegistry): HubMetrics {
  return {
    calls: registry.counter('ntjp_vp_calls_total', 'Calls through the hub by contract, receiver, outcome and fault code.', ['contract', 'receiver', 'outcome', 'fault_code']),
    hubSeconds: registry.histogram('ntjp_vp_call_duration_seconds', 'Time from request to the end of the answer, as the consumer sees it.', ['outcome']),
    producerSeconds: registry.histogram('ntjp_vp_producer_duration_seconds', 'Producer round trip until its response headers.', ['contract']),
  };
}
