/**
 * SSEK faults: a SOAP 1.1 Fault whose faultcode is an `ssek:`-qualified QName from the schema's FaultCode
 * list, sent with HTTP 500. The texts are ours (the normative ones are not public; docs/adapters.md).
 */
import { NS } from '../../shared/soap/namespaces.js';
import { escapeXml } from '../../shared/xml/serialize.js';
import type { ParsedEnvelope } from '../../shared/soap/envelope.js';
import { child, type XmlElement } from '../../shared/xml/tree.js';
import { SSEK_NS } from './header.js';

export const SSEK_FAULT_CODES = [
  'AsynchMethodUnsupported', 'ContentInvalid', 'IncorrectContext', 'MessageNotProcessed', 'NoResultAvailable', 'ReceiverIdUnknown', 'SenderIdUnknown',
  'Timeout', 'TxIdInvalid', 'TxIdMissing', 'TxIdNotAllowed', 'TxIdUnknown', 'WebServiceUnavailable', 'WebServiceUnsupported',
] as const;
export type SsekFaultCode = (typeof SSEK_FAULT_CODES)[number];

/** WS-Security's own fault codes (OASIS WSS 1.0 SOAP Message Security, §12) for a missing or failing signature. */
export const WSSE_NS = 'http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd';
export type WsseFaultCode = 'InvalidSecurity' | 'FailedCheck' | 'InvalidSecurityToken';

export function ssekFaultXml(code: SsekFaultCode | WsseFaultCode, text: string, actor: string): string {
  const ssek = (SSEK_FAULT_CODES as readonly string[]).includes(code);
  const qname = ssek ? `ssek:${code}` : `wsse:${code}`;
  const decl = ssek ? `xmlns:ssek="${SSEK_NS}"` : `xmlns:wsse="${WSSE_NS}"`;
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${NS.soap11}" ${decl}><soapenv:Body><soapenv:Fault>` +
    `<faultcode>${qname}</faultcode><faultstring>${escapeXml(text)}</faultstring><faultactor>${escapeXml(actor)}</faultactor>` +
    `</soapenv:Fault></soapenv:Body></soapenv:Envelope>`
  );
}

/** The namespace a prefix has at the fault's faultcode element (declarations from the Envelope down). */
function namespaceAt(path: XmlElement[], prefix: string): string | undefined {
  let uri: string | undefined;
  for (const el of path) if (el.nsDecls[prefix] !== undefined) uri = el.nsDecls[prefix];
  return uri;
}

/** `ssek:ReceiverIdUnknown` (or `wsse:…`, or the code as given) when the answer is a fault, else undefined. */
export function faultCodeOf(env: ParsedEnvelope): { qname: string; ssek: boolean; text: string } | undefined {
  if (!env.fault) return undefined;
  const body = child(env.envelope, 'Body', NS.soap11)!;
  const fault = env.payload!;
  const codeEl = child(fault, 'faultcode')!;
  const [prefix, local] = env.fault.code.includes(':') ? env.fault.code.split(':', 2) as [string, string] : ['', env.fault.code];
  const uri = namespaceAt([env.envelope, body, fault, codeEl], prefix);
  const ssek = uri === SSEK_NS && (SSEK_FAULT_CODES as readonly string[]).includes(local);
  return { qname: ssek ? `ssek:${local}` : uri === WSSE_NS ? `wsse:${local}` : env.fault.code, ssek, text: env.fault.string };
}
