import { child, type XmlElement } from '../shared/xml/tree.js';
import type { AggregatedContract, RequestField } from './descriptors/index.js';
import { AgpFault } from './faults.js';

/** What the aggregator needs from a consumer's request. */
export interface AggregationRequest {
  patientId: string;
  /** the request's source-system filter, if given */
  sourceFilter: string | undefined;
}

function readField(payload: XmlElement, f: RequestField): string | undefined {
  const el = child(payload, f.element);
  const holder = f.part ? child(el, f.part) : el;
  const value = holder?.text.trim();
  return value ? value : undefined;
}

/** Checks the payload is this contract's request and reads the patient id and source filter. */
export function readAggregationRequest(contract: AggregatedContract, payload: XmlElement): AggregationRequest {
  if (payload.name !== contract.interaction || payload.ns !== contract.namespace) {
    throw new AgpFault('AGP_WRONG_PAYLOAD', `expected {${contract.namespace}}${contract.interaction}, got {${payload.ns}}${payload.name}`);
  }
  for (const r of contract.refused ?? []) if (child(payload, r.element)) throw new AgpFault('AGP_REFUSED_ELEMENT', r.faultText);
  const patientId = readField(payload, contract.patientId);
  if (!patientId) throw new AgpFault('AGP_MISSING_PATIENT', [contract.patientId.element, contract.patientId.part].filter(Boolean).join('/'));
  return { patientId, sourceFilter: contract.sourceSystem ? readField(payload, contract.sourceSystem) : undefined };
}
