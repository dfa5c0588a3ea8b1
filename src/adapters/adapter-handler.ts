/**
 * One RIV call arriving at a format adapter (the route's call address points here): find the mapping for
 * its logical address and contract, claim the delivery (a correlation id already delivered is refused),
 * send it through the bridge, record the outbound leg, and answer the RIV caller, with a SOAP fault naming
 * the adapter's code when anything failed.
 */
import { randomUUID } from 'node:crypto';
import { HEADER } from '../shared/soap/namespaces.js';
import type { SoapCall, SoapHandler } from '../platform/soap-server.js';
import type { Logger } from '../shared/log.js';
import type { CatalogueSource, FormatMappingEntry } from '../tak/snapshot.js';
import type { TrafficApi } from '../vp/index.js';
import type { Bridge, BridgeDeps, Target } from './bridge.js';
import type { DeliveryStore } from './delivery-store.js';
import { AdapterFault, renderAdapterFault } from './faults.js';
import { recordLeg } from './leg.js';
import { rawPayload } from './riv-payload.js';

export interface HandlerDeps extends BridgeDeps {
  catalogue: CatalogueSource;
  store: DeliveryStore;
  traffic: TrafficApi;
  instanceName: string;
  log: Logger;
}

export function findMapping(catalogue: CatalogueSource, logicalAddress: string, namespace: string): FormatMappingEntry | undefined {
  const la = logicalAddress.toUpperCase();
  return catalogue.current()?.formatMappings?.find((m) => m.logicalAddress.toUpperCase() === la && m.namespace === namespace);
}

export function adapterHandler(bridge: Bridge, deps: HandlerDeps): SoapHandler {
  return async (call: SoapCall) => {
    const startedAt = process.hrtime.bigint();
    const correlationId = (call.headers[HEADER.correlationId] as string | undefined) || randomUUID();
    const logicalAddress = call.envelope.logicalAddress?.trim() ?? '';
    const namespace = call.payload.ns;
    const mapping = findMapping(deps.catalogue, logicalAddress, namespace);
    let target: Target = { url: '', sender: '', receiver: logicalAddress, txId: '' };
    let claimed = false;
    try {
      if (!mapping || mapping.format !== bridge.format) throw new AdapterFault('ADAPTER001', bridge.format, logicalAddress || '(none)', namespace);
      target = bridge.target(mapping, correlationId, deps);
      const earlier = await deps.store.claim({ correlationId, format: bridge.format, receiver: target.receiver, namespace, url: target.url, sender: target.sender, txId: target.txId });
      if (earlier) throw new AdapterFault('ADAPTER006', correlationId, target.receiver, earlier.txId);
      claimed = true;
      const result = await bridge.send({ mapping, target, correlationId, payload: rawPayload(call.rawBody.toString('utf8'), call.envelope) }, deps);
      await deps.store.set({ correlationId, format: bridge.format, receiver: target.receiver }, result.state);
      recordLeg(deps.traffic, bridge.format, correlationId, namespace, target, startedAt, { httpStatus: result.httpStatus, detail: result.detail });
      return result.reply;
    } catch (e) {
      const fault = e instanceof AdapterFault ? e : new AdapterFault('ADAPTER007', bridge.format, target.url || '(none)', `${(e as Error).name}: ${(e as Error).message}`);
      if (!(e instanceof AdapterFault)) deps.log.error('adapter failed unexpectedly', { 'trace.id': correlationId, error: (e as Error).stack ?? String(e) });
      if (claimed) await deps.store.set({ correlationId, format: bridge.format, receiver: target.receiver }, 'failed', fault.message);
      recordLeg(deps.traffic, bridge.format, correlationId, namespace, target, startedAt, { httpStatus: 500, detail: fault.message, fault });
      return { status: 500, body: renderAdapterFault(fault, deps.instanceName) };
    }
  };
}
