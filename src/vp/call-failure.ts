/**
 * The answer to a call that failed before or while reaching its producer: the hub's own fault (VP001–VP015),
 * a strict traffic validation's refusal, or nothing to a consumer that went away. The one place faults are
 * rendered and sent.
 */
import type { ConsumerAnswer } from './consumer.js';
import { SOAP_CONTENT_TYPE } from '../shared/soap/namespaces.js';
import { HEADER } from './headers.js';
import { VpFault, renderVpFault, vpFault } from './faults.js';
import type { HubDeps, VpExchange } from './exchange.js';
import { ConsumerGoneError } from './body-errors.js';
import { ContractRefusal } from './contract-hooks.js';
import type { CallResult } from './call-record.js';

function sendFault(ex: VpExchange, res: ConsumerAnswer, body: string): void {
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

function unexpected(hub: HubDeps, ex: VpExchange, e: unknown): VpFault {
  hub.log.error('unexpected error in the hub', { 'trace.id': ex.correlationId, error: (e as Error).stack ?? String(e) });
  return vpFault('VP009', ex.route?.url ?? '(none)', `${(e as Error).name}: ${(e as Error).message}`, '');
}

/** Answers the consumer for what the call failed with; undefined when the consumer went away (not recorded). */
export function answerFailure(hub: HubDeps, ex: VpExchange, res: ConsumerAnswer, e: unknown): CallResult | undefined {
  if (e instanceof ConsumerGoneError) {
    res.destroy();
    hub.log.debug('consumer went away', { 'trace.id': ex.correlationId });
    return undefined;
  }
  if (e instanceof ContractRefusal) {
    sendFault(ex, res, e.body);
    return { outcome: 'contract-fault', httpStatus: 500, faultCode: e.code as CallResult['faultCode'] };
  }
  const fault = e instanceof VpFault ? e : unexpected(hub, ex, e);
  sendFault(ex, res, renderVpFault(fault, hub.config.instanceName));
  return { outcome: 'vp-fault', httpStatus: 500, faultCode: fault.vpCode };
}
