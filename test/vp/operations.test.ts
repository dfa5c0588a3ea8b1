import { expect } from 'chai';
import { request } from 'undici';
import { createLogger } from '../../src/shared/log.js';
import type { VpApi } from '../../src/vp/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault } from './hub-calls.js';

const consumer = { mtls: HSA.consumer };

describe('hub operations', function () {
  let p: TestPlatform;
  let producer: TestProducer;
  const lines: Record<string, unknown>[] = [];
  const getJson = async (path: string, headers: Record<string, string> = {}) => {
    const res = await request(`${p.adminUrl}${path}`, { headers });
    return { status: res.statusCode, body: (await res.body.json()) as Record<string, unknown> };
  };

  before(async () => {
    producer = await startProducer();
    const log = createLogger('info', {}, (line) => void lines.push(JSON.parse(line) as Record<string, unknown>));
    p = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]), log });
    await callHub(p, rivCall(HSA.careUnit), consumer, { 'x-skltp-correlation-id': 'ops-ok' });
    await callHub(p, rivCall(HSA.unknownUnit), consumer, { 'x-skltp-correlation-id': 'ops-fault' });
  });
  after(async () => {
    await p.close();
    await producer.close();
  });

  it('shows the catalogue and its counts in GET /status', async () => {
    const { body } = await getJson('/status');
    expect(body.vp).to.include({ catalogueLoaded: true, catalogueVersion: 1, routes: 1, permissions: 1 });
    expect(body.vp).to.have.property('version').that.is.a('string');
    expect(body).to.have.property('uptimeSeconds');
  });

  it('writes one JSON log line per call with ids, outcome, fault code and durations, never the payload', () => {
    const ok = lines.find((l) => l['trace.id'] === 'ops-ok' && l['event.action'] === 'resp-out')!;
    expect(ok).to.include({ 'labels.senderid': HSA.consumer, 'labels.receiverid': HSA.careUnit, 'event.outcome': 'success', 'labels.outcome': 'ok', 'labels.statusCode': 200 });
    expect(ok['event.duration']).to.be.a('number');
    expect(ok['labels.producerMs']).to.be.a('number');
    const fault = lines.find((l) => l['trace.id'] === 'ops-fault' && l['event.action'] === 'resp-out')!;
    expect(fault).to.include({ 'event.outcome': 'failure', 'labels.outcome': 'vp-fault', 'labels.errorCode': 'VP004', 'labels.statusCode': 500 });
    expect(JSON.stringify(lines)).to.not.include('healthcare_facility');
  });

  it('lists calls in GET /api/traffic, newest first, with filters', async () => {
    const all = await getJson('/api/traffic');
    const calls = all.body.calls as Array<Record<string, unknown>>;
    expect(calls.map((c) => c.correlationId)).to.deep.equal(['ops-fault', 'ops-ok']);
    expect(calls[1]).to.include({ sender: HSA.consumer, receiver: HSA.careUnit, outcome: 'ok', httpStatus: 200, rivProfile: 'RIVTABP21', producerUrl: producer.url });
    expect(calls[0]).to.include({ outcome: 'vp-fault', faultCode: 'VP004' });
    const faults = await getJson('/api/traffic?outcome=vp-fault&limit=5');
    expect((faults.body.calls as unknown[]).length).to.equal(1);
    expect((await getJson('/api/traffic?limit=-1')).status).to.equal(400);
  });

  it('captures bodies only while the operator has turned capture on', async () => {
    const put = (on: unknown, token?: string) =>
      request(`${p.adminUrl}/api/traffic/capture`, { method: 'PUT', body: JSON.stringify({ on }), headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    expect((await put(true)).statusCode).to.equal(401);
    expect((await put('yes', p.operatorToken)).statusCode).to.equal(400);
    expect((await put(true, p.operatorToken)).statusCode).to.equal(200);
    await callHub(p, rivCall(HSA.careUnit), consumer, { 'x-skltp-correlation-id': 'ops-captured' });
    const [entry] = p.ctx.use<VpApi>('vp').traffic.list({ limit: 1 });
    expect(entry!.correlationId).to.equal('ops-captured');
    expect(entry!.requestBody).to.include('<healthcare_facility>');
    expect(entry!.responseBody).to.include('<ok>true</ok>');
    expect((await put(false, p.operatorToken)).statusCode).to.equal(200);
  });

  it('tells subscribers about every call', async () => {
    const seen: string[] = [];
    const unsubscribe = p.ctx.use<VpApi>('vp').traffic.subscribe((e) => seen.push(e.correlationId));
    expectVpFault(await callHub(p, rivCall(HSA.unknownUnit), consumer, { 'x-skltp-correlation-id': 'ops-sub' }), 'VP004');
    unsubscribe();
    expect(seen).to.deep.equal(['ops-sub']);
  });

  it('exposes Prometheus metrics: calls by contract, receiver and outcome; hub and producer latencies', async () => {
    const res = await request(`${p.adminUrl}/metrics`);
    const text = await res.body.text();
    expect(res.headers['content-type']).to.include('text/plain; version=0.0.4');
    expect(text).to.match(/ntjp_vp_calls_total\{contract="urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1",receiver="SE2321000016-1234",outcome="ok",fault_code=""\} [1-9]/);
    expect(text).to.match(/ntjp_vp_calls_total\{.*outcome="vp-fault",fault_code="VP004"\} [1-9]/);
    expect(text).to.match(/ntjp_vp_call_duration_seconds_bucket\{le="\+Inf",outcome="ok"\} [1-9]/);
    expect(text).to.match(/ntjp_vp_producer_duration_seconds_count\{contract="[^"]+"\} [1-9]/);
  });
});
