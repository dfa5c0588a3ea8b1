import type { Dispatcher } from 'undici';
import type { SoapCall, SoapReply } from '../platform/soap-server.js';
import { soapEnvelope } from '../shared/soap/envelope.js';
import { HEADER } from '../shared/soap/namespaces.js';
import type { HubCaller, SoapSend } from '../shared/soap/client.js';
import type { CatalogueIndex } from '../vp/index.js';
import type { AggregatedContract } from './descriptors/index.js';
import { AgpFault, renderAgpFault } from './faults.js';
import { findContent } from './find-content.js';
import { mergeResponse } from './merge-response.js';
import { processingStatusHeader } from './processing-status.js';
import { localToday } from '../shared/local-time.js';
import { readAggregationRequest } from './request-fields.js';
import { selectSources } from './select-sources.js';
import { callSource, requestBuilder, type IncomingCall, type SourceOutcome } from './source-call.js';
import type { ContractTimeouts } from './timeouts.js';
import type { SourceOutcomeCounter } from './source-metrics.js';
import type { XmlLimits } from '../shared/xml/limits.js';

/** What the engine needs from the platform; injected so that each step can be tested alone. */
export interface AggregationEnv {
  /** the platform's own caller (FindContent is sent as the platform); read per call, the hub sets its URL at start */
  hubCaller: () => HubCaller;
  instanceId: string;
  eiAddress: string;
  selfAddress: string;
  catalogue: () => CatalogueIndex | undefined;
  dispatcher: Dispatcher;
  /** how FindContent and the source calls reach the hub (hub-send.ts) */
  send: SoapSend;
  timeouts: ContractTimeouts;
  now: () => Date;
  /** the limits the EI's and the sources' answers are read within */
  xmlLimits: XmlLimits;
  /** absent: source outcomes are not counted */
  countSources?: SourceOutcomeCounter;
}

const MANDATORY_HEADERS = [HEADER.senderId, HEADER.originalConsumer, HEADER.correlationId] as const;

function header(call: SoapCall, name: string): string | undefined {
  const v = call.headers[name];
  const s = Array.isArray(v) ? v[0] : v;
  return s?.trim() ? s.trim() : undefined;
}

function rivtaHeaders(call: SoapCall): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(call.headers)) if (k.startsWith('x-rivta-') && typeof v === 'string') out[k] = v;
  return out;
}

/** Calls every target in parallel; targets still pending at the aggregate deadline get 43000 (docs/agp.md, "Flow"). */
async function fanOut(contract: AggregatedContract, incoming: IncomingCall, targets: string[], env: AggregationEnv): Promise<SourceOutcome[]> {
  if (targets.length === 0) return [];
  const aggregateSignal = AbortSignal.timeout(env.timeouts.aggregateMs);
  const ctx = {
    hubUrl: env.hubCaller().url,
    instanceId: env.instanceId,
    dispatcher: env.dispatcher,
    send: env.send,
    sourceMs: env.timeouts.sourceMs,
    requestFor: requestBuilder(contract, incoming),
    aggregateSignal,
    xmlLimits: env.xmlLimits,
  };
  return Promise.all(targets.map((t) => callSource(contract, incoming, t, ctx)));
}

/**
 * One aggregated call, top to bottom (docs/agp.md, "Flow"): mandatory headers →
 * request fields → FindContent → filters → parallel fan-out → merge → ProcessingStatus.
 */
export async function aggregate(contract: AggregatedContract, call: SoapCall, env: AggregationEnv): Promise<SoapReply> {
  try {
    for (const h of MANDATORY_HEADERS) if (!header(call, h)) throw new AgpFault('AGP_MISSING_HEADER', h);
    const senderId = header(call, HEADER.senderId)!;
    const originalConsumer = header(call, HEADER.originalConsumer)!;
    const request = readAggregationRequest(contract, call.payload);
    const engagements = await findContent({
      caller: env.hubCaller(),
      send: env.send,
      eiAddress: env.eiAddress,
      patientId: request.patientId,
      serviceDomain: contract.serviceDomain,
      categorization: contract.categorizations.length === 1 ? contract.categorizations[0] : undefined,
      correlationId: call.correlationId,
      timeoutMs: env.timeouts.findContentMs,
      xmlLimits: env.xmlLimits,
    });
    const targets = selectSources(contract, engagements, {
      selfAddress: env.selfAddress,
      consumers: [senderId, originalConsumer],
      catalogue: env.catalogue(),
      sourceFilter: request.sourceFilter,
      today: localToday(env.now()),
    });
    const incoming: IncomingCall = {
      envelope: call.envelope,
      payload: call.payload,
      patientId: request.patientId,
      senderId,
      correlationId: call.correlationId,
      rivtaHeaders: rivtaHeaders(call),
    };
    const outcomes = await fanOut(contract, incoming, targets, env);
    env.countSources?.(outcomes);
    return { status: 200, body: soapEnvelope(mergeResponse(contract, outcomes), [processingStatusHeader(outcomes, env.now())]) };
  } catch (e) {
    if (e instanceof AgpFault) return renderAgpFault(e);
    throw e;
  }
}
