import type { MetricsRegistry } from '../shared/metrics.js';
import type { SourceOutcome } from './source-call.js';

/** Counts one aggregated call's source outcomes. */
export type SourceOutcomeCounter = (outcomes: readonly SourceOutcome[]) => void;

/**
 * `ntjp_agp_source_calls_total{contract,source,outcome,code}`: what each source gave, `ok` or `failed` with
 * the ProcessingStatus error code. Sources are logical addresses the engagement index named; the series
 * bound keeps their number finite.
 */
export function registerSourceMetrics(metrics: MetricsRegistry): (contract: string) => SourceOutcomeCounter {
  const calls = metrics.counter('ntjp_agp_source_calls_total', 'Source calls of the aggregating services by contract, source (logical address), outcome and error code.', ['contract', 'source', 'outcome', 'code']);
  return (contract) => (outcomes) => {
    for (const o of outcomes) calls.inc({ contract, source: o.address, outcome: o.ok ? 'ok' : 'failed', code: o.ok ? '' : o.code });
  };
}
