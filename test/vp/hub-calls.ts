/** How the hub's tests call it and check its faults. */
import { expect } from 'chai';
import { request } from 'undici';
import { postSoap, type SoapAnswer } from '../../src/shared/soap/client.js';
import { VP_FAULTS, type VpFaultCode } from '../../src/vp/faults.js';
import type { TestPlatform } from '../support/platform.js';

export type Caller =
  /** mutual TLS with this system's certificate */
  | { mtls: string }
  /** HTTP listener, internal call with x-vp-sender-id + this instance's id */
  | { internal: string }
  /** HTTP listener with this system's certificate in the cert header, as a TLS-terminating proxy sends it */
  | { proxyCert: string };

export function callHub(p: TestPlatform, body: string, as: Caller, headers: Record<string, string> = {}, soapAction?: string): Promise<SoapAnswer> {
  if ('mtls' in as) return postSoap({ url: p.hubHttpsUrl, body, headers, soapAction, dispatcher: p.mtlsAgent(as.mtls) });
  const identity: Record<string, string> =
    'internal' in as
      ? { 'x-vp-sender-id': as.internal, 'x-vp-instance-id': p.ctx.instanceId }
      : { 'x-vp-auth-cert': encodeURIComponent(p.identity(as.proxyCert).cert) };
  return postSoap({ url: p.hubHttpUrl, body, headers: { ...identity, ...headers }, soapAction });
}

/** A VP fault exactly as the spec renders it (§3); returns its detail. */
export function expectVpFault(res: SoapAnswer, code: VpFaultCode, instanceName = 'NTJP-EMULATOR'): string {
  expect(res.status, res.body).to.equal(500);
  expect(res.headers['content-type']).to.equal('text/xml; charset=UTF-8');
  expect(res.headers['x-skltp-correlation-id']).to.be.a('string').and.not.equal('');
  const f = res.envelope?.fault;
  expect(f, res.body).to.not.equal(undefined);
  expect(f!.code).to.equal(`soapenv:${VP_FAULTS[code].faultcode}`);
  expect(f!.string).to.equal(`${code} [${instanceName}] ${VP_FAULTS[code].text}`);
  return f!.detail ?? '';
}

/** Switches the traffic log's body and header capture through the admin API, as the operator. */
export async function setTrafficCapture(p: TestPlatform, on: boolean): Promise<void> {
  const res = await request(`${p.adminUrl}/api/traffic/capture`, { method: 'PUT', body: JSON.stringify({ on }), headers: { 'content-type': 'application/json', authorization: `Bearer ${p.operatorToken}` } });
  expect(res.statusCode).to.equal(200);
  await res.body.dump();
}
