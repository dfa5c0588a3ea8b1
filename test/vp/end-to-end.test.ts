import { expect } from 'chai';
import { postSoap } from '../../src/shared/soap/client.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';

describe('hub: a call end to end', function () {
  let p: TestPlatform;
  let producer: TestProducer;

  before(async () => {
    producer = await startProducer(() => ({ body: rivAnswer(undefined, '<answer>42</answer>') }));
    p = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]) });
  });
  after(async () => {
    await p.close();
    await producer.close();
  });

  it('routes a call over mutual TLS to the producer and returns its answer', async () => {
    const res = await postSoap({ url: p.hubHttpsUrl, body: rivCall(HSA.careUnit), dispatcher: p.mtlsAgent(HSA.consumer) });
    expect(res.status).to.equal(200);
    expect(res.body).to.include('<answer>42</answer>');
    expect(res.headers['x-skltp-correlation-id']).to.match(/^[0-9a-f-]{36}$/);
    expect(producer.calls.at(-1)!.headers['x-vp-sender-id']).to.equal(HSA.consumer);
  });

  it('routes an internal call on the HTTP listener', async () => {
    const res = await postSoap({ url: p.hubHttpUrl, body: rivCall(HSA.careUnit), headers: { 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': p.ctx.instanceId } });
    expect(res.status).to.equal(200);
    expect(res.body).to.include('<answer>42</answer>');
  });
});
