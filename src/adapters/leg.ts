/** A format adapter's outbound leg in the hub's traffic log, next to the RIV call (same correlation id). */
import type { NewTrafficEntry, TrafficApi } from '../vp/index.js';
import type { Format, Target } from './bridge.js';
import type { AdapterFault } from './faults.js';

export interface LegOutcome {
  httpStatus: number;
  detail: string;
  fault?: AdapterFault;
}

export function recordLeg(traffic: TrafficApi, format: Format, correlationId: string, namespace: string, target: Pick<Target, 'sender' | 'receiver' | 'url'>, startedAt: bigint, o: LegOutcome): void {
  const durationMs = Number(process.hrtime.bigint() - startedAt) / 1e6;
  const entry: NewTrafficEntry = {
    correlationId,
    time: new Date().toISOString(),
    sender: target.sender,
    receiver: target.receiver,
    contract: namespace,
    outcome: o.fault ? 'adapter-fault' : 'ok',
    httpStatus: o.httpStatus,
    durationMs,
    producerMs: durationMs,
    producerUrl: target.url,
    leg: format,
    detail: o.fault ? o.fault.message : o.detail,
  };
  if (o.fault) entry.faultCode = `NTJP-${o.fault.code}`;
  traffic.add(entry);
}
