import { faultReply, type SoapReply } from '../platform/soap-server.js';
import { createError, type CodedText } from '../shared/coded-error.js';

/**
 * Every fault the aggregator itself answers with (docs/agp.md, "Flow"). A step throws
 * `new AgpFault(code, arg)`; `renderAgpFault` is the one place that turns it into a SOAP fault (HTTP 500).
 * Codes are identifiers and never reused.
 */
const AGP_FAULTS = {
  /** text as in skltp/agp's `CheckInboundHeadersProcessor` */
  AGP_MISSING_HEADER: { faultcode: 'Client', text: 'Mandatory HTTP header %s is missing' },
  AGP_WRONG_PAYLOAD: { faultcode: 'Client', text: 'The request is not a call of this aggregated contract: %s' },
  AGP_MISSING_PATIENT: { faultcode: 'Client', text: 'Mandatory field %s is missing in the request' },
  /** the refused element's own text comes from the descriptor */
  AGP_REFUSED_ELEMENT: { faultcode: 'Client', text: '%s' },
  /** an EI fault or timeout fails the whole call */
  AGP_EI_FAILED: { faultcode: 'Server', text: 'The engagement index (FindContent) could not be read: %s' },
} as const satisfies Record<string, CodedText & { faultcode: 'Client' | 'Server' }>;

export type AgpFaultCode = keyof typeof AGP_FAULTS;

export class AgpFault extends createError(AGP_FAULTS) {}

export function renderAgpFault(e: AgpFault): SoapReply {
  return faultReply(e.row.faultcode, e.message);
}
