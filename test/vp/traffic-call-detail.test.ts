import { expect } from 'chai';
import { setTimeout as sleep } from 'node:timers/promises';
import { request } from 'undici';
import { TRAFFIC_HEADERS_MAX, TRAFFIC_HEADER_MAX_CHARS } from '../../src/vp/traffic-headers.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault, setTrafficCapture } from './hub-calls.js';

interface Call {
  seq: number;
  correlationId: string;
  time: string;
  outcome: string;
  faultCode?: string;
  listener?: string;
  path?: string;
  routeTrace?: string;
  permissionTrace?: string;
  requestHeaders?: Record<string, string>;
  producerHeaders?: Record<string, string>;
}

describe('hub traffic log: one call, time ranges and choice filters', function () {
  this.timeout(30000);
  let p: TestPlatform;
  let producer: TestProducer;

  const get = async (path: string): Promise<{ status: number; json: unknown }> => {
    const res = await request(`${p.adminUrl}/api/traffic${path}`);
    return { status: res.statusCode, json: await res.body.json() };
  };
  const calls = async (query: string): Promise<Call[]> => ((await get(query)).json as { calls: Call[] }).calls;

  before(async () => {
    producer = await startProducer();
    p = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]) });
  });
  after(async () => {
    await p.close();
    await producer.close();
  });

  it('answers one call by its log number with the listener, path, route and permission traces', async () => {
    expect((await callHub(p, rivCall(HSA.careUnit), { internal: HSA.consumer }, { 'x-skltp-correlation-id': 'one-call' })).status).to.equal(200);
    const [listed] = await calls('?correlationId=one-call');
    const { status, json } = await get(`/${listed!.seq}`);
    expect(status).to.equal(200);
    const call = json as Call;
    expect([call.correlationId, call.outcome, call.listener, call.path]).to.deep.equal(['one-call', 'ok', 'http', '/vp']);
    expect(call.routeTrace).to.be.a('string').and.not.equal('');
    expect(call.permissionTrace).to.be.a('string').and.not.equal('');
    expect(call.requestHeaders).to.equal(undefined);
  });

  it('keeps the headers received and sent while capture is on, hiding credentials and cutting long ones', async () => {
    await setTrafficCapture(p, true);
    try {
      const many = Object.fromEntries(Array.from({ length: TRAFFIC_HEADERS_MAX + 10 }, (_, i) => [`x-extra-${String(i).padStart(2, '0')}`, 'v']));
      const headers = { 'x-skltp-correlation-id': 'with-headers', authorization: 'Bearer secret-token', 'x-long': 'L'.repeat(1000), ...many };
      expect((await callHub(p, rivCall(HSA.careUnit), { internal: HSA.consumer }, headers)).status).to.equal(200);
      const [call] = await calls('?correlationId=with-headers');
      const received = call!.requestHeaders!;
      expect(Object.keys(received)).to.have.length(TRAFFIC_HEADERS_MAX + 1);
      // the client adds host, connection, content-type and content-length; callHub the two internal headers
      expect(received['…']).to.equal(`${Object.keys(headers).length + 6 - TRAFFIC_HEADERS_MAX} more headers not kept`);
      expect(received.authorization).to.equal('(hidden)');
      expect(received['x-long']).to.equal(`${'L'.repeat(TRAFFIC_HEADER_MAX_CHARS - 1)}…`);
      expect(received['x-vp-sender-id']).to.equal(HSA.consumer);
      const sent = call!.producerHeaders!;
      expect(sent['x-rivta-original-serviceconsumer-hsaid']).to.equal(HSA.consumer);
      expect(sent['content-type']).to.equal('text/xml;charset=UTF-8');
      expect(sent['x-skltp-correlation-id']).to.equal('with-headers');
      expect(sent['x-vp-sender-id']).to.equal(HSA.consumer);
    } finally {
      await setTrafficCapture(p, false);
    }
  });

  it('answers 404 with a JSON error for a log number it does not hold', async () => {
    expect(await get('/999999')).to.deep.equal({ status: 404, json: { code: 'NTJP_ERR_NO_SUCH_CALL', message: 'The traffic log holds no call 999999 (it keeps the last 10000)' } });
    expect(await get('/abc')).to.deep.equal({ status: 404, json: { code: 'NTJP_ERR_NOT_FOUND', message: 'Nothing at GET /api/traffic/abc.' } });
  });

  it('lists only the calls from the from time and before the to time', async () => {
    const call = async (id: string): Promise<void> => {
      expect((await callHub(p, rivCall(HSA.careUnit), { internal: HSA.consumer }, { 'x-skltp-correlation-id': id })).status).to.equal(200);
    };
    await call('range-early-1');
    await call('range-early-2');
    await sleep(20);
    const boundary = new Date().toISOString();
    await sleep(20);
    await call('range-late-1');
    const ids = async (query: string): Promise<string[]> => (await calls(`?correlationId=range-&match=contains&${query}`)).map((c) => c.correlationId);
    expect(await ids(`from=${boundary}`)).to.deep.equal(['range-late-1']);
    expect(await ids(`to=${boundary}`)).to.deep.equal(['range-early-2', 'range-early-1']);
    expect(await ids(`from=${boundary}&to=${boundary}`)).to.deep.equal([]);
  });

  it('matches outcome and fault code whole even when texts match as substrings', async () => {
    expectVpFault(await callHub(p, rivCall(HSA.unknownUnit), { internal: HSA.consumer }, { 'x-skltp-correlation-id': 'choice-vp004' }), 'VP004');
    const ids = async (query: string): Promise<string[]> => (await calls(`?correlationId=choice-&match=contains&${query}`)).map((c) => c.correlationId);
    expect(await ids('faultCode=VP00')).to.deep.equal([]);
    expect(await ids('faultCode=vp004')).to.deep.equal(['choice-vp004']);
    expect(await ids('outcome=fault')).to.deep.equal([]);
    expect(await ids('outcome=vp-fault')).to.deep.equal(['choice-vp004']);
  });

  it('refuses a time that is not ISO 8601 with an exact message', async () => {
    const bad = { status: 400, json: { code: 'NTJP_ERR_BAD_TIME', message: 'from and to must be ISO 8601 times, e.g. 2026-01-31T12:00:00Z' } };
    expect(await get('?from=yesterday')).to.deep.equal(bad);
    expect(await get('?to=2026-01-31')).to.deep.equal(bad);
    expect(await get('?from=2026-13-45T99:00:00Z')).to.deep.equal(bad);
  });
});
