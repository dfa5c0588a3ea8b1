import { expect } from 'chai';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';

/** A promise with its resolve function. */
function signal(): { promise: Promise<void>; fire: () => void } {
  let fire!: () => void;
  const promise = new Promise<void>((resolve) => (fire = resolve));
  return { promise, fire };
}

// Each test would deadlock (and fail on mocha's time limit) if the hub held a whole message before passing it on.
describe('hub streaming', function () {
  this.timeout(5000);
  let p: TestPlatform;
  let upload: TestProducer;
  let download: TestProducer;
  const producerHasStart = signal();
  const consumerHasStart = signal();
  const answer = rivAnswer(undefined, '<part>one</part><part>two</part>');
  const cut = answer.indexOf('<part>two');

  before(async () => {
    upload = await startProducer(
      async (_call, res, req) => {
        let size = 0;
        for await (const c of req) {
          size += (c as Buffer).length;
          producerHasStart.fire();
        }
        res.writeHead(200, { 'content-type': 'text/xml' });
        res.end(rivAnswer(undefined, `<size>${size}</size>`));
      },
      { readBody: false },
    );
    download = await startProducer(async (_call, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.write(answer.slice(0, cut));
      await consumerHasStart.promise;
      res.end(answer.slice(cut));
    });
    p = await startTestPlatform({ catalogue: snapshot([route('UP', upload.url), route('DOWN', download.url)], [permission('UP'), permission('DOWN')]) });
  });
  after(async () => {
    await p.close();
    await Promise.all([upload.close(), download.close()]);
  });

  it('passes the start of a request to the producer before the consumer has sent the rest', async () => {
    const call = rivCall('UP');
    const split = call.indexOf('</healthcare_facility>');
    const body = Readable.from(
      (async function* () {
        yield Buffer.from(call.slice(0, split));
        await producerHasStart.promise;
        yield Buffer.from(call.slice(split));
      })(),
    );
    const res = await request(p.hubHttpUrl, { method: 'POST', body, headers: { 'content-type': 'text/xml', 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': p.ctx.instanceId } });
    expect(res.statusCode).to.equal(200);
    expect(await res.body.text()).to.include(`<size>${Buffer.byteLength(call)}</size>`);
  });

  it('passes the start of an answer to the consumer before the producer has sent the rest', async () => {
    const res = await request(p.hubHttpUrl, { method: 'POST', body: rivCall('DOWN'), headers: { 'content-type': 'text/xml', 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': p.ctx.instanceId } });
    let text = '';
    for await (const c of res.body) {
      text += (c as Buffer).toString();
      consumerHasStart.fire();
    }
    expect(text).to.equal(answer);
  });
});
