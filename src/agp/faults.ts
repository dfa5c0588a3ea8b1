import { faultReply, type SoapReply } from '../platform/soap-server.js';

/**
 * Every fault the aggregator itself answers with (docs/agp.md, "Flow"). A step throws
 * `new AgpFault(code, arg)`; `renderAgpFault` is the one place that turns it into a SOAP fault (HTTP 500).
 * Codes are identifiers and never reused.
 */
const FAULTS = {
  /** text as in skltp/agp's `CheckInboundHeadersProcessor` */
  AGP_MISSING_HEADER: { soap: 'Client', text: (h: string) => `Mandatory HTTP header ${h} is missing` },
  AGP_WRONG_PAYLOAD: { soap: 'Client', text: (what: string) => `The request is not a call of this aggregated contract: ${what}` },
  AGP_MISSING_PATIENT: { soap: 'Client', text: (field: string) => `Mandatory field ${field} is missing in the request` },
  /** the refused element's own text comes from the descriptor */
  AGP_REFUSED_ELEMENT: { soap: 'Client', text: (text: string) => text },
  /** an EI fault or timeout fails the whole call */
  AGP_EI_FAILED: { soap: 'Server', text: (why: string) => `The engagement index (FindContent) could not be read: ${why}` },
} as const satisfies Record<string, { soap: 'Client' | 'Server'; text: (arg: string) => string }>;

export type AgpFaultCode = keyof typeof FAULTS;

export class AgpFault extends Error {
  constructor(
    readonly code: AgpFaultCode,
    arg: string,
  ) {
    super(FAULTS[code].text(arg));
  }
}

export function renderAgpFault(e: AgpFault): SoapReply {
  return faultReply(FAULTS[e.code].soap, e.message);
}
