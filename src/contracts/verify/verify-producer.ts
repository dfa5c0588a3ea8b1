import type { Dispatcher } from 'undici';
import { rivRequest } from '../../shared/soap/envelope.js';
import { NS } from '../../shared/soap/namespaces.js';
import { postSoap } from '../../shared/soap/client.js';
import { child } from '../../shared/xml/tree.js';
import type { ContractDescriptor } from '../catalogue.js';
import type { Violation } from '../xsd/index.js';
import { fail, pass, type CheckResult, type CheckSuite } from './check-result.js';
import { bodyElement, checkContentType, checkPayloadElement, checkResultCode, checkSchema, checkSoap11Envelope } from './message-checks.js';

export interface VerifyProducerOptions {
  contract: ContractDescriptor;
  url: string;
  logicalAddress: string;
  /** the request payload element; default the contract's shipped sample */
  requestPayload?: string;
  validate: (xml: string) => Violation[];
  dispatcher?: Dispatcher;
  timeoutMs?: number;
}

/**
 * Calls a producer with a contract-valid request and checks the answer: HTTP status, SOAP 1.1 content type
 * and envelope, no fault (or a well-formed SOAP 1.1 fault), the Responder element, the schema and the
 * result code shape.
 */
export async function verifyProducer(o: VerifyProducerOptions): Promise<CheckSuite> {
  const name = `producer ${o.url} for ${o.contract.namespace}`;
  const payload = o.requestPayload ?? o.contract.sampleRequest;
  if (!payload) return { name, checks: [fail('sample-request', 'a sample request is available', `no sample request is shipped for ${o.contract.namespace}; pass one with --request <file>`)] };
  const envelope = rivRequest(o.logicalAddress, payload.trim(), [], o.contract.profile);
  const sampleViolations = o.validate(envelope);
  const checks: CheckResult[] = [sampleViolations.length === 0 ? pass('sample-request', 'the request sent is valid against the schema') : fail('sample-request', 'the request sent is valid against the schema', sampleViolations.map((v) => v.message).join('\n'))];
  let answer;
  try {
    answer = await postSoap({ url: o.url, body: envelope, soapAction: `${o.contract.namespace}:${o.contract.request}`, dispatcher: o.dispatcher, timeoutMs: o.timeoutMs ?? 10_000 });
  } catch (e) {
    const err = e as Error & { code?: string };
    checks.push(fail('reachable', 'the producer answers', `${err.code ?? err.name}: ${err.message}`));
    return { name, checks };
  }
  checks.push(checkContentType(answer.headers['content-type']));
  const { result, envelope: env } = checkSoap11Envelope(answer.body);
  checks.push(result);
  if (!env) return { name, checks };
  const body = bodyElement(env);
  if (body?.name === 'Fault' && body.ns === NS.soap11) {
    const shaped = !!child(body, 'faultcode') && !!child(body, 'faultstring');
    checks.push(shaped ? pass('fault-shape', 'a SOAP fault has faultcode and faultstring') : fail('fault-shape', 'a SOAP fault has faultcode and faultstring', 'faultcode or faultstring is missing'));
    checks.push(fail('no-fault', 'a valid request is answered without a SOAP fault', `HTTP ${answer.status}, faultstring: ${child(body, 'faultstring')?.text ?? ''}`));
    return { name, checks };
  }
  checks.push(answer.status === 200 ? pass('http-status', 'HTTP status is 200') : fail('http-status', 'HTTP status is 200', `HTTP status is ${answer.status}`));
  const element = checkPayloadElement(body, o.contract, 'response');
  checks.push(element);
  if (element.passed) checks.push(checkSchema(o.validate(answer.body)));
  const code = checkResultCode(body, o.contract);
  if (code) checks.push(code);
  return { name, checks };
}
