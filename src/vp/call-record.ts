/**
 * What the hub keeps of each call once its answer has gone: the traffic log entry (with the bodies when
 * capturing), the call metrics, and the `resp-out` log line named like the real VP's message log.
 */
import type { ConsumerAnswer } from './consumer.js';
import { boundedText } from '../shared/bounded-text.js';
import type { HubDeps, VpExchange } from './exchange.js';
import { CAPTURE_MAX_BYTES, type NewTrafficEntry, type TrafficEntry, type TrafficSink } from './traffic-log.js';
import { recordCallMetrics, type HubMetrics } from './call-metrics.js';

export interface CallResult {
  outcome: TrafficEntry['outcome'];
  httpStatus: number;
  faultCode?: TrafficEntry['faultCode'];
  reason?: string;
  producerMs?: number;
}

export interface RecordDeps extends Pick<HubDeps, 'catalogue' | 'log'> {
  traffic: TrafficSink;
  metrics: HubMetrics;
}

function record(hub: RecordDeps, ex: VpExchange, r: CallResult): void {
  const durationMs = Number(process.hrtime.bigint() - ex.startedAt) / 1e6;
  const env = ex.envelope;
  const call: NewTrafficEntry = {
    correlationId: ex.correlationId,
    time: new Date().toISOString(),
    listener: ex.listener,
    path: ex.req.url,
    sender: ex.sender,
    originalConsumer: ex.originalConsumer,
    receiver: env?.logicalAddress,
    contract: env?.namespace,
    rivProfile: env?.profile,
    outcome: r.outcome,
    faultCode: r.faultCode,
    reason: r.reason,
    httpStatus: r.httpStatus,
    durationMs,
    producerMs: r.producerMs,
    producerUrl: ex.route?.url,
    routeTrace: ex.routeTrace,
    permissionTrace: ex.permissionTrace,
    violations: ex.violations,
  };
  if (hub.traffic.capturing) {
    // A copy: a slice would keep the whole envelope text alive.
    call.requestBody = ex.capture?.request.text() ?? (env && boundedText(env.text, CAPTURE_MAX_BYTES));
    call.responseBody = ex.capture?.response.text();
    call.requestHeaders = ex.headers;
    call.producerHeaders = ex.outHeaders;
  }
  // The log's copy has the caller-chosen texts cut to length; the log line below uses it too.
  const entry = hub.traffic.add(call);
  recordCallMetrics(hub.metrics, call, hub.catalogue());
  // The fields below are built on every call: skip them when the line would be dropped anyway.
  if (hub.log.level !== 'debug' && hub.log.level !== 'info') return;
  hub.log.info(`resp-out ${entry.sender ?? '-'} -> ${entry.receiver ?? '-'}`, {
    'event.action': 'resp-out',
    'event.module': 'skltp-messages',
    'event.duration': Math.round(durationMs * 1e6),
    'trace.id': entry.correlationId,
    'labels.senderid': entry.sender,
    'labels.receiverid': entry.receiver,
    'labels.servicecontract_namespace': entry.contract,
    'labels.originalServiceconsumerHsaid': entry.originalConsumer,
    'labels.rivversion': env?.profile,
    'labels.routerVagvalTrace': ex.routeTrace,
    'labels.routerBehorighetTrace': ex.permissionTrace,
    'labels.errorCode': r.faultCode,
    'labels.statusCode': r.httpStatus,
    'url.original': entry.producerUrl,
    'event.outcome': r.outcome === 'ok' ? 'success' : 'failure',
    'event.reason': entry.reason,
    'labels.outcome': r.outcome,
    'labels.producerMs': r.producerMs,
  });
}

/** Records the call once, when the consumer's answer has finished or its connection closed (after any cut). */
export function recordWhenAnswered(hub: RecordDeps, ex: VpExchange, res: ConsumerAnswer, result: CallResult): void {
  if (res.writableFinished || res.destroyed) {
    record(hub, ex, result);
    return;
  }
  let recorded = false;
  const done = (): void => {
    if (recorded) return;
    recorded = true;
    record(hub, ex, result);
  };
  res.once('finish', done).once('close', done);
}
