/** How the hub's tests call it and check its faults. */
import { expect } from 'chai';
import { Agent, request, type Dispatcher } from 'undici';
import { postSoap, type SoapAnswer } from '../../src/shared/soap/client.js';
import { VP_FAULTS, type VpFaultCode } from '../../src/vp/faults.js';
import { TRAFFIC_PAGE_MAX, type TrafficApi, type TrafficEntry, type TrafficFilter } from '../../src/vp/traffic-log.js';
import type { TestPlatform } from '../support/platform.js';

export type Caller =
  /** mutual TLS with this system's certificate */
  | { mtls: string }
  /** HTTP listener, internal call with x-vp-sender-id + this instance's id */
  | { internal: string }
  /** HTTP listener with this system's certificate in the cert header, as a TLS-terminating proxy sends it */
  | { proxyCert: string };

export function callHub(p: TestPlatform, body: string, as: Caller, headers: Record<string, string> = {}, soapAction?: string, dispatcher?: Dispatcher): Promise<SoapAnswer> {
  if ('mtls' in as) return postSoap({ url: p.hubHttpsUrl, body, headers, soapAction, dispatcher: dispatcher ?? p.mtlsAgent(as.mtls) });
  const identity: Record<string, string> =
    'internal' in as
      ? { 'x-vp-sender-id': as.internal, 'x-vp-instance-id': p.ctx.instanceId }
      : { 'x-vp-auth-cert': encodeURIComponent(p.identity(as.proxyCert).cert) };
  return postSoap({ url: p.hubHttpUrl, body, headers: { ...identity, ...headers }, soapAction, dispatcher });
}

/** A call on a connection of its own, so that with hub workers the cluster may hand it to any of them. */
export async function callHubOnNewConnection(p: TestPlatform, body: string, as: Caller): Promise<SoapAnswer> {
  const id = 'mtls' in as ? p.identity(as.mtls) : undefined;
  const agent = new Agent(id ? { connect: { cert: id.cert, key: id.key, ca: id.ca } } : {});
  try {
    return await callHub(p, body, as, {}, undefined, agent);
  } finally {
    await agent.destroy();
  }
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

/**
 * The log's newest entries matching the filter once there are `count` newer than `afterSeq` (hub workers
 * ship their entries in batches); gives up after about 5 s and returns what there is.
 */
export async function trafficAfter(traffic: TrafficApi, afterSeq: number, filter: TrafficFilter, count: number): Promise<TrafficEntry[]> {
  const newer = (): TrafficEntry[] => traffic.list({ limit: TRAFFIC_PAGE_MAX, ...filter }).filter((e) => e.seq > afterSeq);
  for (let i = 0; i < 100 && newer().length < count; i++) await new Promise((r) => setTimeout(r, 50));
  return newer();
}

/** The `seq` of the newest entry in the log (0 when empty): the mark for `trafficAfter`. */
export const newestSeq = (traffic: TrafficApi): number => traffic.list({ limit: 1 })[0]?.seq ?? 0;
