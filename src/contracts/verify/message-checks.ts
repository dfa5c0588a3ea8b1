import { NS } from '../../shared/soap/namespaces.js';
import { child, parseXml, type XmlElement } from '../../shared/xml/tree.js';
import type { ContractDescriptor } from '../catalogue.js';
import type { Violation } from '../xsd/index.js';
import { fail, pass, type CheckResult } from './check-result.js';

/** Checks of RIV-TA Basic Profile 2.1 and the service-schema rules shared by producer answers and consumer calls. */

const RESULT_CODES = ['OK', 'INFO', 'ERROR'];

export function checkContentType(contentType: string | undefined): CheckResult {
  const title = 'content type is SOAP 1.1 text/xml';
  const ct = (contentType ?? '').toLowerCase();
  if (ct.startsWith('text/xml')) return pass('content-type', title);
  const why = ct.startsWith('application/soap+xml') ? ' (that is SOAP 1.2; RIV-TA BP 2.1 requires SOAP 1.1)' : '';
  return fail('content-type', title, `content type is '${contentType ?? ''}'${why}`);
}

/** Parses the envelope; the check fails for malformed XML and for a SOAP 1.2 or other root element. */
export function checkSoap11Envelope(body: string): { result: CheckResult; envelope: XmlElement | undefined } {
  const title = 'message is a SOAP 1.1 envelope';
  let root: XmlElement;
  try {
    root = parseXml(body);
  } catch (e) {
    return { result: fail('soap-envelope', title, `not well-formed XML: ${(e as Error).message}`), envelope: undefined };
  }
  if (root.name === 'Envelope' && root.ns === NS.soap11) return { result: pass('soap-envelope', title), envelope: root };
  const why = root.ns === NS.soap12 ? 'a SOAP 1.2 envelope' : `{${root.ns}}${root.name}`;
  return { result: fail('soap-envelope', title, `root element is ${why}, expected {${NS.soap11}}Envelope`), envelope: undefined };
}

export function bodyElement(envelope: XmlElement): XmlElement | undefined {
  return child(envelope, 'Body', NS.soap11)?.children[0];
}

export function checkPayloadElement(payload: XmlElement | undefined, contract: ContractDescriptor, which: 'request' | 'response'): CheckResult {
  const expected = `{${contract.namespace}}${contract[which]}`;
  const title = `${which} element is ${expected}`;
  if (!payload) return fail(`${which}-element`, title, 'the SOAP Body is empty');
  const found = `{${payload.ns}}${payload.name}`;
  return found === expected ? pass(`${which}-element`, title) : fail(`${which}-element`, title, `found ${found}`);
}

export function checkSchema(violations: Violation[]): CheckResult {
  const title = 'message is valid against the contract schema';
  return violations.length === 0 ? pass('schema', title) : fail('schema', title, violations.map((v) => v.message).join('\n'));
}

/** The result code at the contract's path is OK, INFO or ERROR (Tjänsteschema rule #11). */
export function checkResultCode(payload: XmlElement | undefined, contract: ContractDescriptor): CheckResult | undefined {
  if (!contract.resultCode) return undefined;
  const title = `${contract.resultCode.join('/')} is OK, INFO or ERROR`;
  let el = payload;
  for (const name of contract.resultCode) el = child(el, name);
  if (!el) return fail('result-code', title, `no ${contract.resultCode.join('/')} element in the response`);
  const code = el.text.trim();
  return RESULT_CODES.includes(code) ? pass('result-code', title, code) : fail('result-code', title, `result code is '${code}'`);
}
