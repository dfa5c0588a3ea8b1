/**
 * The adapters' faults to the RIV caller in one table: a bridge throws `new AdapterFault(code, …args)` and
 * `renderAdapterFault` is the only place that turns one into a SOAP 1.1 fault. The traffic log records the
 * code as `NTJP-<code>` with the same text. Codes are never reused.
 */
import { soapFault } from '../shared/soap/envelope.js';
import { createError, type CodedText } from '../shared/coded-error.js';

export type AdapterFaultCode = 'ADAPTER001' | 'ADAPTER002' | 'ADAPTER003' | 'ADAPTER004' | 'ADAPTER005' | 'ADAPTER006' | 'ADAPTER007';

interface AdapterFaultSpec extends CodedText {
  faultcode: 'Client' | 'Server';
}

export const ADAPTER_FAULTS: Readonly<Record<AdapterFaultCode, AdapterFaultSpec>> = {
  ADAPTER001: { faultcode: 'Client', text: 'No %s format mapping in the catalogue for logical address %s and contract %s.' },
  ADAPTER002: { faultcode: 'Server', text: 'The %s receiver at %s could not be reached: %s' },
  ADAPTER003: { faultcode: 'Server', text: 'The SHS receiver at %s refused the message with SHS error %s: %s' },
  ADAPTER004: { faultcode: 'Server', text: 'The SSEK receiver at %s answered with SSEK fault %s: %s' },
  ADAPTER005: { faultcode: 'Server', text: 'The SSEK answer from %s failed the signature check: %s' },
  ADAPTER006: { faultcode: 'Client', text: 'Duplicate: correlation id %s was already delivered to %s as tx id %s; it is not sent again.' },
  ADAPTER007: { faultcode: 'Server', text: 'The %s receiver at %s gave an answer the adapter cannot read: %s' },
};

export class AdapterFault extends createError(ADAPTER_FAULTS) {}

/** `NTJP-ADAPTER003 [NTJP-EMULATOR] The SHS receiver …` in a SOAP 1.1 fault, like the hub's `VPnnn [name] …`. */
export function renderAdapterFault(f: AdapterFault, instanceName: string): string {
  return soapFault({ code: f.row.faultcode, string: `NTJP-${f.code} [${instanceName}] ${f.message}` });
}
