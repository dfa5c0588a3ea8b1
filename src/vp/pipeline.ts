/**
 * One call through the hub, in the real VP's order (shared/spec/vp-and-tak.md §1.2): the first failing
 * step decides the fault. Each step reads and writes the shared `VpExchange`; faults are rendered here only.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { randomUUID } from 'node:crypto';
import { SOAP_CONTENT_TYPE } from '../shared/soap/namespaces.js';
import { localToday } from '../tak/dates.js';
import { HEADER } from './headers.js';
import { VpFault, renderVpFault, vpFault } from './faults.js';
import type { HubDeps, Listener, VpExchange } from './exchange.js';
import { identifySender } from './steps/sender-identity.js';
import { readEnvelope } from './steps/read-envelope.js';
import { checkOriginalConsumer } from './steps/original-consumer.js';
import { lookUpRoute } from './steps/route-lookup.js';
import { checkSenderPermission } from './steps/permission-check.js';
import { chooseProducerTimeout } from './steps/producer-timeout.js';
import { bridgeRivProfile } from './steps/riv-profile.js';
import { buildOutHeaders } from './steps/out-headers.js';
import { forward, type ForwardDeps } from './steps/forward.js';
import { RequestBody, restConversion } from './request-body.js';
import { ConsumerGoneError } from './body-errors.js';
import { BodyCapture, CAPTURE_MAX_BYTES, type NewTrafficEntry, type TrafficEntry, type TrafficLog } from './traffic-log.js';
import { countInFlight, recordCallMetrics, type HubMetrics } from './call-metrics.js';
import { boundedText } from '../shared/bounded-text.js';
import { ContractRefusal, type ContractHooks } from './contract-hooks.js';
import { responseCheck, validatedRequest } from './contract-validation.js';

type Step = (ex: VpExchange, hub: HubDeps) => void | Promise<void>;

const STEPS: readonly Step[] = [
  identifySender,
  readEnvelope,
  checkOriginalConsumer,
  lookUpRoute,
  checkSenderPermission,
  chooseProducerTimeout,
  bridgeRivProfile,
  buildOutHeaders,
];

export interface HubRuntime extends ForwardDeps {
  traffic: TrafficLog;
  metrics: HubMetrics;
  newCorrelationId?: () => string;
  /** set by the contracts component (WSDL serving, traffic validation); absent = neither */
  contracts?: ContractHooks;
}

interface CallResult {
  outcome: TrafficEntry['outcome'];
  httpStatus: number;
  faultCode?: TrafficEntry['faultCode'];
  reason?: string;
  producerMs?: number;
}

const IPV4_MAPPED = '::ffff:';

function newExchange(hub: HubRuntime, req: IncomingMessage, listener: Listener): VpExchange {
  const given = req.headers[HEADER.correlationId];
  const peer = req.socket.remoteAddress ?? '';
  return {
    correlationId: (typeof given === 'string' && given) || (hub.newCorrelationId ?? randomUUID)(),
    listener,
    req,
    headers: req.headers,
    peerIp: peer.startsWith(IPV4_MAPPED) ? peer.slice(IPV4_MAPPED.length) : peer,
    date: localToday(hub.clock()),
    startedAt: process.hrtime.bigint(),
  };
}

function sendFault(ex: VpExchange, res: ServerResponse, body: string): void {
  // Drain whatever the consumer is still sending so the connection stays usable; the server's request
  // timeout bounds a consumer that never stops.
  ex.req.resume();
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res.writeHead(500, { 'content-type': SOAP_CONTENT_TYPE, [HEADER.correlationId]: ex.correlationId, 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

function unexpected(hub: HubRuntime, ex: VpExchange, e: unknown): VpFault {
  hub.log.error('unexpected error in the hub', { 'trace.id': ex.correlationId, error: (e as Error).stack ?? String(e) });
  return vpFault('VP009', ex.route?.url ?? '(none)', `${(e as Error).name}: ${(e as Error).message}`, '');
}

function record(hub: HubRuntime, ex: VpExchange, r: CallResult, request?: BodyCapture, response?: BodyCapture): void {
  const durationMs = Number(process.hrtime.bigint() - ex.startedAt) / 1e6;
  const env = ex.envelope;
  const call: NewTrafficEntry = {
    correlationId: ex.correlationId,
    time: new Date().toISOString(),
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
    violations: ex.violations,
  };
  if (hub.traffic.capturing) {
    // A copy: a slice would keep the whole envelope text alive.
    call.requestBody = request ? request.text() : env && boundedText(env.text, CAPTURE_MAX_BYTES);
    call.responseBody = response?.text();
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

/** Handles one SOAP call arriving on a listener; never throws. */
export async function handleCall(hub: HubRuntime, req: IncomingMessage, res: ServerResponse, listener: Listener): Promise<void> {
  const ex = newExchange(hub, req, listener);
  countInFlight(hub.metrics, res);
  const capture = hub.traffic.capturing;
  const requestCapture = capture ? new BodyCapture() : undefined;
  const responseCapture = capture ? new BodyCapture() : undefined;
  let result: CallResult;
  try {
    for (const step of STEPS) {
      const pending = step(ex, hub);
      if (pending) await pending;
    }
    // Contracts without a validation rule pay this one lookup and keep streaming (issue 7 §4).
    const modes = hub.contracts?.validationModes(ex.envelope!.namespace);
    const body =
      modes && modes.request !== 'off'
        ? await validatedRequest(ex, hub.contracts!, modes.request, hub.config.maxBodyBytes, requestCapture?.tap)
        : new RequestBody(req, ex.outPrefix!, ex.envelope!.complete, ex.envelope!.rawLength, hub.config.maxBodyBytes, requestCapture?.tap, restConversion(ex));
    const check = modes && modes.response !== 'off' ? responseCheck(ex, hub.contracts!, modes.response) : undefined;
    result = await forward(ex, hub, res, body, responseCapture?.tap, check);
  } catch (e) {
    if (e instanceof ConsumerGoneError) {
      res.destroy();
      hub.log.debug('consumer went away', { 'trace.id': ex.correlationId });
      return;
    }
    if (e instanceof ContractRefusal) {
      sendFault(ex, res, e.body);
      result = { outcome: 'contract-fault', httpStatus: 500, faultCode: e.code as TrafficEntry['faultCode'] };
    } else {
      const fault = e instanceof VpFault ? e : unexpected(hub, ex, e);
      sendFault(ex, res, renderVpFault(fault, hub.config.instanceName));
      result = { outcome: 'vp-fault', httpStatus: 500, faultCode: fault.vpCode };
    }
  }
  let recorded = false;
  const done = (): void => {
    if (recorded) return;
    recorded = true;
    record(hub, ex, result, requestCapture, responseCapture);
  };
  if (res.writableFinished || res.destroyed) done();
  else res.once('finish', done).once('close', done);
}
