import { expect } from 'chai';
import type { SoapAnswer } from '../../src/shared/soap/client.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { CONTRACT, HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub } from './hub-calls.js';
import { fillSpecDetail, specFaultsOrSkip, type SpecFault } from './spec-faults.js';

const consumer = { mtls: HSA.consumer };
const summary = (receiver: string): string => `serviceNamespace: ${CONTRACT.getSchedule}, receiverId: ${receiver}`;

describe('hub fault texts over real sockets, as the real VP writes them', function () {
  let spec: Map<string, SpecFault>;
  let p: TestPlatform;
  let producer: TestProducer;

  /** The answer is the real VP's fault: status, faultcode, `VPnnn [name] <text>` and the detail, all exact. */
  function expectSpecFault(res: SoapAnswer, code: string, detail: string): void {
    const row = spec.get(code)!;
    expect(res.status, res.body).to.equal(500);
    const f = res.envelope!.fault!;
    expect(f.code).to.equal(`soapenv:${row.faultcode}`);
    expect(f.string).to.equal(`${code} [NTJP-EMULATOR] ${row.text}`);
    expect(f.detail ?? '').to.equal(detail);
  }
  const specDetail = (code: string, ...values: string[]): string => fillSpecDetail(spec.get(code)!.details[0]!, values);

  before(async function () {
    spec = specFaultsOrSkip(this);
    producer = await startProducer();
    p = await startTestPlatform({
      catalogue: snapshot(
        [
          route(HSA.careUnit, producer.url),
          route('TWICE', producer.url),
          route('TWICE', producer.url, { profile: 'RIVTABP20' }),
          route('NO-URL', ''),
          route('NOT-ALLOWED', producer.url),
          route('BP30', producer.url, { profile: 'RIVTABP30' as 'RIVTABP21' }),
          route('DOWN', 'http://127.0.0.1:1/down'),
        ],
        [permission(HSA.careUnit), permission(HSA.careUnit, HSA.otherConsumer), permission('TWICE'), permission('NO-URL'), permission('BP30'), permission('DOWN')],
      ),
      settings: { 'vp.originalConsumerAllowList': [HSA.consumer], 'vp.retryDelayMs': 1 },
    });
  });
  after(async () => {
    await p?.close();
    await producer?.close();
  });

  it('VP002: a proxy call without a certificate names the certificate header', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit), { proxyCert: HSA.consumer }, { 'x-vp-auth-cert': '' });
    expectSpecFault(res, 'VP002', fillSpecDetail(spec.get('VP002')!.details[1]!, ['x-vp-auth-cert']));
  });

  it('VP003: no logical address gives exactly the fixed detail with its trailing space', async () => {
    const noAddress = rivCall(HSA.careUnit).replace(/<LogicalAddress[^>]*>[^<]*<\/LogicalAddress>/, '');
    expectSpecFault(await callHub(p, noAddress, consumer), 'VP003', 'No receiverId (logical address) found in message header. ');
    expect(specDetail('VP003')).to.equal('No receiverId (logical address) found in message header. ');
  });

  it('VP004: an unknown receiver names the namespace and the receiver', async () => {
    expectSpecFault(await callHub(p, rivCall(HSA.unknownUnit), consumer), 'VP004', specDetail('VP004', summary(HSA.unknownUnit)));
  });

  it('VP005: a profile the route can not take names only the call\'s profile, in lower case', async () => {
    expectSpecFault(await callHub(p, rivCall('BP30'), consumer), 'VP005', specDetail('VP005', 'rivtabp21'));
  });

  it('VP006: two valid routes', async () => {
    expectSpecFault(await callHub(p, rivCall('TWICE'), consumer), 'VP006', specDetail('VP006', summary('TWICE')));
  });

  it('VP007: no permission names the sender too', async () => {
    expectSpecFault(await callHub(p, rivCall('NOT-ALLOWED'), consumer), 'VP007', specDetail('VP007', `${summary('NOT-ALLOWED')}, senderId: ${HSA.consumer}`));
  });

  it('VP008: no catalogue loaded', async () => {
    const empty = await startTestPlatform();
    try {
      expectSpecFault(await callHub(empty, rivCall(HSA.careUnit), consumer), 'VP008', specDetail('VP008'));
    } finally {
      await empty.close();
    }
  });

  it('VP009: a producer that refuses the connection names its address, then the error as (<class>: <msg>)', async () => {
    const res = await callHub(p, rivCall('DOWN'), consumer);
    expectSpecFault(res, 'VP009', specDetail('VP009', 'http://127.0.0.1:1/down', 'ECONNREFUSED: connect ECONNREFUSED 127.0.0.1:1'));
  });

  it('VP009: a producer answering 200 with an empty body is named with the status and its reason phrase', async () => {
    const empty = await startProducer(() => ({ body: '' }));
    const q = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, empty.url)], [permission(HSA.careUnit)]) });
    try {
      const res = await callHub(q, rivCall(HSA.careUnit), consumer);
      expectSpecFault(res, 'VP009', specDetail('VP009', empty.url, 'EmptyResponse: Empty message when server responded with status code: 200 OK') + '\nVP_PRODUCER_EXCEPTION_HTTP_STATUS=200');
    } finally {
      await q.close();
      await empty.close();
    }
  });

  it('VP010: a route without an address', async () => {
    expectSpecFault(await callHub(p, rivCall('NO-URL'), consumer), 'VP010', specDetail('VP010', summary('NO-URL')));
  });

  it('VP011: a peer outside the whitelist, and an internal call forwarded for an address outside it', async () => {
    const q = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]), settings: { 'vp.ipWhitelist': ['10.0.0.0/8'] } });
    try {
      const res = await callHub(q, rivCall(HSA.careUnit), { internal: HSA.consumer });
      expectSpecFault(res, 'VP011', specDetail('VP011', '127.0.0.1', 'CamelNettyRemoteAddress'));
    } finally {
      await q.close();
    }
    const forwarded = await callHub(p, rivCall(HSA.careUnit), { internal: HSA.consumer }, { 'x-forwarded-for': '10.1.2.3' });
    expectSpecFault(forwarded, 'VP011', specDetail('VP011', '10.1.2.3', 'X-Forwarded-For'));
  });

  it('VP013: a sender not allowed to set the original consumer', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit), { mtls: HSA.otherConsumer }, { 'x-rivta-original-serviceconsumer-hsaid': 'SE-ORIGINAL' });
    expectSpecFault(res, 'VP013', specDetail('VP013'));
  });

  it('VP014: a routing loop, with an empty detail', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit), { proxyCert: HSA.consumer }, { 'x-rivta-routing-history': 'A#NTJP-EMULATOR-1' });
    expect(spec.get('VP014')!.details).to.deep.equal([]);
    expectSpecFault(res, 'VP014', '');
  });

  it('VP015: a request that can not be read gives the fixed sentence before the parser\'s message', async () => {
    const emptyBody = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/><s:Body/></s:Envelope>';
    expectSpecFault(await callHub(p, emptyBody, consumer), 'VP015', specDetail('VP015', 'SOAP Body has no payload element'));
  });
});
