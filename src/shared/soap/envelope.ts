import { NS } from './namespaces.js';
import { child, parseXml, type XmlElement, type ParseOptions } from '../xml/tree.js';
import { escapeXml } from '../xml/serialize.js';

export type RivProfile = 'RIVTABP20' | 'RIVTABP21';

/** The addressing header of a RIV-TA call: `LogicalAddress` (BP 2.1) or `wsa:To` (BP 2.0). */
export function logicalAddressHeader(address: string, profile: RivProfile = 'RIVTABP21'): string {
  return profile === 'RIVTABP20'
    ? `<wsa:To xmlns:wsa="${NS.wsa}">${escapeXml(address)}</wsa:To>`
    : `<LogicalAddress xmlns="${NS.registry1}">${escapeXml(address)}</LogicalAddress>`;
}

/** Wraps header elements and one body element (both already XML) in a SOAP 1.1 envelope. */
export function soapEnvelope(body: string, headers: string[] = []): string {
  const header = headers.length > 0 ? `<soapenv:Header>${headers.join('')}</soapenv:Header>` : '<soapenv:Header/>';
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${NS.soap11}">${header}<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
}

/** A RIV-TA request: envelope with the logical address header and the payload. */
export function rivRequest(logicalAddress: string, payload: string, extraHeaders: string[] = [], profile: RivProfile = 'RIVTABP21'): string {
  return soapEnvelope(payload, [logicalAddressHeader(logicalAddress, profile), ...extraHeaders]);
}

export interface SoapFaultInfo {
  /** `Client` or `Server` (prefixed with the envelope prefix when rendered) */
  code: string;
  string: string;
  /** plain text put in `detail/detailString` (omitted when undefined) */
  detail?: string;
}

/** A SOAP 1.1 fault envelope. */
export function soapFault(f: SoapFaultInfo): string {
  const detail = f.detail === undefined ? '' : `<detail><detailString>${escapeXml(f.detail)}</detailString></detail>`;
  return `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${NS.soap11}"><soapenv:Header/><soapenv:Body><soapenv:Fault><faultcode>soapenv:${escapeXml(f.code)}</faultcode><faultstring>${escapeXml(f.string)}</faultstring>${detail}</soapenv:Fault></soapenv:Body></soapenv:Envelope>`;
}

export interface ParsedEnvelope {
  envelope: XmlElement;
  header: XmlElement | undefined;
  /** the first element inside Body (the payload, or a Fault) */
  payload: XmlElement | undefined;
  /** LogicalAddress or To header text, untrimmed */
  logicalAddress: string | undefined;
  fault: { code: string; string: string; detail: string | undefined } | undefined;
}

export class SoapShapeError extends Error {
  readonly code = 'NTJP_ERR_SOAP_SHAPE';
}

/** Parses a SOAP 1.1 envelope (safe parser: no DTDs) and picks out what every component needs. */
export function parseEnvelope(xml: string | Buffer, opts?: ParseOptions): ParsedEnvelope {
  const envelope = parseXml(xml, opts);
  if (envelope.name !== 'Envelope' || envelope.ns !== NS.soap11) throw new SoapShapeError(`not a SOAP 1.1 envelope: {${envelope.ns}}${envelope.name}`);
  const header = child(envelope, 'Header', NS.soap11);
  const body = child(envelope, 'Body', NS.soap11);
  if (!body) throw new SoapShapeError('SOAP envelope has no Body');
  const payload = body.children[0];
  let logicalAddress: string | undefined;
  for (const h of header?.children ?? []) if (h.name === 'LogicalAddress' || h.name === 'To') logicalAddress = h.text;
  let fault: ParsedEnvelope['fault'];
  if (payload && payload.name === 'Fault' && payload.ns === NS.soap11) {
    const detail = child(payload, 'detail');
    fault = {
      code: child(payload, 'faultcode')?.text.trim() ?? '',
      string: child(payload, 'faultstring')?.text ?? '',
      detail: detail ? (child(detail, 'detailString')?.text ?? detail.text) : undefined,
    };
  }
  return { envelope, header, payload, logicalAddress, fault };
}
