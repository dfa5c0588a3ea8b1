/**
 * One call through the hub: the steps in the real VP's order (skltp/vp,
 * `vp-services-camel/src/main/java/se/skl/tp/vp/VPRouter.java`), then the producer call. The first failing
 * step decides the fault. Each step reads and writes the shared `VpExchange`.
 */
import { randomUUID } from 'node:crypto';
import { localToday } from '../shared/local-time.js';
import { HEADER } from './headers.js';
import type { HubDeps, Listener, VpExchange } from './exchange.js';
import type { ConsumerAnswer, ConsumerRequest } from './consumer.js';
import { identifySender } from './steps/sender-identity.js';
import { readEnvelope } from './steps/read-envelope.js';
import { checkOriginalConsumer } from './steps/original-consumer.js';
import { lookUpRoute } from './steps/route-lookup.js';
import { checkSenderPermission } from './steps/permission-check.js';
import { chooseProducerTimeout } from './steps/producer-timeout.js';
import { bridgeRivProfile } from './steps/riv-profile.js';
import { buildOutHeaders } from './steps/out-headers.js';
import { prepareRequest } from './steps/prepare-request.js';
import { forward } from './steps/forward.js';
import type { ProducerDeps } from './steps/producer-call.js';
import { BodyCapture } from './traffic-log.js';
import { recordWhenAnswered, type CallResult, type RecordDeps } from './call-record.js';
import { answerFailure } from './call-failure.js';
import { countInFlight } from './call-metrics.js';

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
  prepareRequest,
];

export interface HubRuntime extends ProducerDeps, RecordDeps {
  newCorrelationId?: () => string;
}

const IPV4_MAPPED = '::ffff:';

function newExchange(hub: HubRuntime, req: ConsumerRequest, listener: Listener): VpExchange {
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
    capture: hub.traffic.capturing ? { request: new BodyCapture(), response: new BodyCapture() } : undefined,
  };
}

/** Handles one SOAP call arriving on a listener; never throws. */
export async function handleCall(hub: HubRuntime, req: ConsumerRequest, res: ConsumerAnswer, listener: Listener): Promise<void> {
  const ex = newExchange(hub, req, listener);
  let result: CallResult | undefined;
  countInFlight(hub.metrics, res);
  try {
    for (const step of STEPS) {
      const pending = step(ex, hub);
      if (pending) await pending;
    }
    result = await forward(ex, hub, res);
  } catch (e) {
    result = answerFailure(hub, ex, res, e);
  }
  if (result) recordWhenAnswered(hub, ex, res, result);
}
