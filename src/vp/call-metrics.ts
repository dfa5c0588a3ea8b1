/**
 * The hub's Prometheus metrics: calls by contract, receiver and outcome; latencies; calls in flight. A contract or receiver
 * becomes a label only when the active catalogue knows it: the caller chooses both, and every distinct
 * label value is a series kept until restart (docs/vp.md, "Metric labels").
 */
import type { ConsumerAnswer } from './consumer.js';
import type { Counter, Histogram, MetricsRegistry } from '../shared/metrics.js';
import type { CatalogueIndex } from './catalogue-index.js';
import type { CallOutcome } from './traffic-log.js';

/** The label of a contract or receiver the active catalogue does not have (or of any, before the first catalogue). */
export const UNKNOWN_LABEL = 'unknown';

export interface HubMetrics {
  calls: Counter;
  hubSeconds: Histogram;
  producerSeconds: Histogram;
  /** calls arrived whose answer has not ended yet; a plain number, read when scraped */
  inFlight: { calls: number };
}

/** What one finished call adds to the metrics. */
export interface CallFigures {
  contract?: string;
  receiver?: string;
  outcome: CallOutcome;
  faultCode?: string;
  durationMs: number;
  producerMs?: number;
}

export function registerHubMetrics(registry: MetricsRegistry): HubMetrics {
  const inFlight = { calls: 0 };
  registry.gauge('ntjp_vp_calls_in_flight', 'Calls the hub has received and not yet finished answering.', [], (gauge) => gauge.set(inFlight.calls));
  return {
    inFlight,
    calls: registry.counter('ntjp_vp_calls_total', 'Calls through the hub by contract, receiver, outcome and fault code.', ['contract', 'receiver', 'outcome', 'fault_code']),
    hubSeconds: registry.histogram('ntjp_vp_call_duration_seconds', 'Time from request to the end of the answer, as the consumer sees it.', ['outcome']),
    producerSeconds: registry.histogram('ntjp_vp_producer_duration_seconds', 'Producer round trip until its response headers.', ['contract']),
  };
}

/** Counts a call in flight until its answer ends or its consumer goes away. */
export function countInFlight(metrics: HubMetrics, res: ConsumerAnswer): void {
  metrics.inFlight.calls++;
  res.once('close', () => metrics.inFlight.calls--);
}

/** The catalogue's spelling of each contract and logical address of its routes and permissions, by lower case. */
interface KnownNames {
  contracts: Map<string, string>;
  receivers: Map<string, string>;
  longest: number;
}

const knownByCatalogue = new WeakMap<CatalogueIndex, KnownNames>();
const NOTHING_KNOWN: KnownNames = { contracts: new Map(), receivers: new Map(), longest: 0 };

function knownNames(index: CatalogueIndex): KnownNames {
  let known = knownByCatalogue.get(index);
  if (known) return known;
  known = { contracts: new Map(), receivers: new Map(), longest: 0 };
  for (const rows of [...index.routes.values(), ...index.permissions.values()]) {
    for (const row of rows) {
      known.contracts.set(row.namespace.toLowerCase(), row.namespace);
      known.receivers.set(row.logicalAddress.toLowerCase(), row.logicalAddress);
      known.longest = Math.max(known.longest, row.namespace.length, row.logicalAddress.length);
    }
  }
  knownByCatalogue.set(index, known);
  return known;
}

/** '' stays '' (no envelope was read); a value longer than any known one is not looked up at all. */
function labelOf(value: string | undefined, names: Map<string, string>, longest: number): string {
  if (!value) return '';
  return (value.length <= longest && names.get(value.toLowerCase())) || UNKNOWN_LABEL;
}

export function recordCallMetrics(metrics: HubMetrics, call: CallFigures, catalogue: CatalogueIndex | undefined): void {
  const known = catalogue ? knownNames(catalogue) : NOTHING_KNOWN;
  const contract = labelOf(call.contract, known.contracts, known.longest);
  metrics.calls.inc({ contract, receiver: labelOf(call.receiver, known.receivers, known.longest), outcome: call.outcome, fault_code: call.faultCode ?? '' });
  metrics.hubSeconds.observe(call.durationMs / 1000, { outcome: call.outcome });
  if (call.producerMs !== undefined) metrics.producerSeconds.observe(call.producerMs / 1000, { contract });
}
