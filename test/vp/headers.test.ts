import { expect } from 'chai';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault } from './hub-calls.js';

const consumer = { mtls: HSA.consumer };

describe('hub headers', function () {
  let p: TestPlatform;
  let plain: TestProducer;
  let secure: TestProducer;
  const last = (t: TestProducer) => t.calls.at(-1)!;

  before(async () => {
    plain = await startProducer(() => ({ body: rivAnswer(), headers: { soapaction: '"x"', 'x-mule_session': 'm', 'x-producer-note': 'kept', 'content-type': 'application/xml' } }));
    secure = await startProducer(undefined, { tls: true });
    p = await startTestPlatform({
      catalogue: snapshot([route(HSA.careUnit, plain.url), route('SECURE', secure.url)], [permission(HSA.careUnit), permission('SECURE'), permission(HSA.careUnit, HSA.otherConsumer)]),
      settings: { 'vp.originalConsumerAllowList': [HSA.consumer] },
    });
  });
  after(async () => {
    await p.close();
    await Promise.all([plain.close(), secure.close()]);
  });

  it('reuses a given correlation id, sends it on and returns it', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit), consumer, { 'x-skltp-correlation-id': 'corr-1' });
    expect(res.headers['x-skltp-correlation-id']).to.equal('corr-1');
    expect(last(plain).headers['x-skltp-correlation-id']).to.equal('corr-1');
  });

  it('generates a correlation id when none or an empty one is given, also for faults', async () => {
    const res = await callHub(p, rivCall(HSA.unknownUnit), consumer, { 'x-skltp-correlation-id': '' });
    expectVpFault(res, 'VP004');
    expect(res.headers['x-skltp-correlation-id']).to.match(/^[0-9a-f-]{36}$/);
  });

  it('sets the original consumer to the sender when absent and forwards a given one unchanged', async () => {
    await callHub(p, rivCall(HSA.careUnit), consumer);
    expect(last(plain).headers['x-rivta-original-serviceconsumer-hsaid']).to.equal(HSA.consumer);
    await callHub(p, rivCall(HSA.careUnit), consumer, { 'x-rivta-original-serviceconsumer-hsaid': 'SE-ORIGINAL' });
    expect(last(plain).headers['x-rivta-original-serviceconsumer-hsaid']).to.equal('SE-ORIGINAL');
  });

  it('gives VP013 when a sender not on the allow list sets the original consumer', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit), { mtls: HSA.otherConsumer }, { 'x-rivta-original-serviceconsumer-hsaid': 'SE-ORIGINAL' });
    expect(expectVpFault(res, 'VP013')).to.equal('Sender is not approved to set header x-rivta-original-serviceconsumer-hsaid.');
  });

  it('lets internal calls set the original consumer whatever the allow list says', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit), { internal: HSA.otherConsumer }, { 'x-rivta-original-serviceconsumer-hsaid': 'SE-ORIGINAL' });
    expect(res.status).to.equal(200);
  });

  it('starts the routing history with sender#instance and appends to a given one', async () => {
    await callHub(p, rivCall(HSA.careUnit), consumer);
    expect(last(plain).headers['x-rivta-routing-history']).to.equal(`${HSA.consumer}#NTJP-EMULATOR-1`);
    await callHub(p, rivCall(HSA.careUnit), consumer, { 'x-rivta-routing-history': 'A#OTHER-VP' });
    expect(last(plain).headers['x-rivta-routing-history']).to.equal('A#OTHER-VP#NTJP-EMULATOR-1');
  });

  it('gives VP014 when the routing history has passed this instance already', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit), { proxyCert: HSA.consumer }, { 'x-rivta-routing-history': 'A#NTJP-EMULATOR-1#B' });
    expect(expectVpFault(res, 'VP014')).to.equal('');
  });

  it('sends sender and instance id to http producers only, and strips the filtered consumer headers', async () => {
    await callHub(p, rivCall(HSA.careUnit), { proxyCert: HSA.consumer }, { 'x-forwarded-for': '127.0.0.1', 'accept-encoding': 'gzip', 'x-mule_old': '1', 'x-consumer-note': 'kept', 'x-rivta-acting-on-behalf-of-hsaid': 'SE-BEHALF' }, 'urn:action');
    const h = last(plain).headers;
    expect(h['x-vp-sender-id']).to.equal(HSA.consumer);
    expect(h['x-vp-instance-id']).to.equal('NTJP-EMULATOR-1');
    expect(h).to.not.have.any.keys('x-vp-auth-cert', 'x-forwarded-for', 'accept-encoding', 'x-mule_old');
    expect(h['x-consumer-note']).to.equal('kept');
    expect(h['x-rivta-acting-on-behalf-of-hsaid']).to.equal('SE-BEHALF');
    expect(h.soapaction).to.equal('"urn:action"');
    expect(h['content-type']).to.equal('text/xml;charset=UTF-8');

    await callHub(p, rivCall('SECURE'), consumer, { 'x-vp-sender-id': 'FORGED' });
    expect(last(secure).headers).to.not.have.any.keys('x-vp-sender-id', 'x-vp-instance-id');
    expect(last(secure).headers['x-skltp-correlation-id']).to.be.a('string');
  });

  it("calls https producers with the hub's own client certificate", async () => {
    const res = await callHub(p, rivCall('SECURE'), consumer);
    expect(res.status).to.equal(200);
    expect(last(secure).peerSubject).to.include('serialNumber=NTJP-HUB');
  });

  it('returns the producer round trip in x-skltp-prt, a normalised content type, and no SOAPAction or MULE headers', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit), consumer);
    expect(res.headers['x-skltp-prt']).to.match(/^\d+$/);
    expect(res.headers['content-type']).to.equal('text/xml; charset=UTF-8');
    expect(res.headers['x-producer-note']).to.equal('kept');
    expect(res.headers).to.not.have.any.keys('soapaction', 'x-mule_session');
  });

  it('keeps the correlation id from https producers when told not to propagate it', async () => {
    const q = await startTestPlatform({ catalogue: snapshot([route('SECURE', secure.url)], [permission('SECURE')]), settings: { 'vp.propagateCorrelationIdHttps': false } });
    try {
      await callHub(q, rivCall('SECURE'), consumer, { 'x-skltp-correlation-id': 'corr-2' });
      expect(last(secure).headers).to.not.have.any.keys('x-skltp-correlation-id');
    } finally {
      await q.close();
    }
  });

  it('only warns when VP013 is turned off', async () => {
    const q = await startTestPlatform({
      catalogue: snapshot([route(HSA.careUnit, plain.url)], [permission(HSA.careUnit, HSA.otherConsumer)]),
      settings: { 'vp.originalConsumerAllowList': [HSA.consumer], 'vp.throwVp013': false },
    });
    try {
      const res = await callHub(q, rivCall(HSA.careUnit), { mtls: HSA.otherConsumer }, { 'x-rivta-original-serviceconsumer-hsaid': 'SE-ORIGINAL' });
      expect(res.status).to.equal(200);
    } finally {
      await q.close();
    }
  });
});
