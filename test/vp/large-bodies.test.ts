import { expect } from 'chai';
import { Readable } from 'node:stream';
import { request } from 'undici';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, largeRivCall, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault } from './hub-calls.js';
import { parseEnvelope } from '../../src/shared/soap/envelope.js';

const internal = { internal: HSA.consumer };
const FIFTEEN_MB = 15 * 1000 * 1000;
const LIMIT = 15 * 1024 * 1024;

describe('hub large bodies', function () {
  this.timeout(30000);
  let p: TestPlatform;
  let echo: TestProducer;
  let big: TestProducer;
  let huge: TestProducer;
  let hugeChunked: TestProducer;
  const bigAnswer = rivAnswer(undefined, `<pad>${'y'.repeat(FIFTEEN_MB)}</pad>`);

  before(async () => {
    echo = await startProducer((call) => ({ body: rivAnswer(undefined, `<size>${Buffer.byteLength(call.body)}</size>`) }));
    big = await startProducer(() => ({ body: bigAnswer }));
    const hugeAnswer = `${bigAnswer}${' '.repeat(LIMIT)}`;
    huge = await startProducer(() => ({ body: hugeAnswer, headers: { 'content-length': String(Buffer.byteLength(hugeAnswer)) } }));
    hugeChunked = await startProducer((_call, res) => {
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(hugeAnswer);
    });
    p = await startTestPlatform({
      catalogue: snapshot([route('ECHO', echo.url), route('BIG', big.url), route('HUGE', huge.url), route('HUGE-CHUNKED', hugeChunked.url)], ['ECHO', 'BIG', 'HUGE', 'HUGE-CHUNKED'].map((a) => permission(a))),
    });
  });
  after(async () => {
    await p.close();
    await Promise.all([echo.close(), big.close(), huge.close(), hugeChunked.close()]);
  });

  it('streams a 15 MB request to the producer', async () => {
    const call = largeRivCall('ECHO', FIFTEEN_MB);
    const res = await callHub(p, call, { mtls: HSA.consumer });
    expect(res.status).to.equal(200);
    expect(res.body).to.include(`<size>${Buffer.byteLength(call)}</size>`);
  });

  it('streams a 15 MB response back', async () => {
    const res = await callHub(p, rivCall('BIG'), internal);
    expect(res.status).to.equal(200);
    expect(res.body.length).to.equal(bigAnswer.length);
    expect(parseEnvelope(res.body).payload!.name).to.equal('GetSubjectOfCareScheduleResponse');
  });

  it('gives VP015 at once for a request declaring more than the limit', async () => {
    const before = echo.calls.length;
    const res = await callHub(p, largeRivCall('ECHO', LIMIT + 1), internal);
    expect(expectVpFault(res, 'VP015')).to.match(/^The request could not be read properly\. Request body of \d+ bytes is larger than the limit of 15728640 bytes$/);
    expect(echo.calls.length).to.equal(before);
  });

  it('gives VP015 for a chunked request that grows past the limit while streaming', async () => {
    const head = rivCall('ECHO').replace('</healthcare_facility>', '</healthcare_facility><!--');
    const chunk = Buffer.alloc(1024 * 1024, 'x');
    let sent = 0;
    const body = new Readable({
      read() {
        if (sent === 0) this.push(head);
        if (sent > LIMIT + chunk.length) return void this.push(null);
        sent += chunk.length;
        this.push(chunk);
      },
    });
    const res = await request(p.hubHttpUrl, { method: 'POST', body, headers: { 'content-type': 'text/xml', 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': p.ctx.instanceId } });
    const text = await res.body.text();
    expect(res.statusCode).to.equal(500);
    expect(parseEnvelope(text).fault!.string).to.match(/^VP015 /);
    expect(parseEnvelope(text).fault!.detail).to.equal('The request could not be read properly. Request body is larger than the limit of 15728640 bytes');
  });

  it('gives VP009 for a response declaring more than the limit', async () => {
    const detail = expectVpFault(await callHub(p, rivCall('HUGE'), internal), 'VP009');
    expect(detail).to.include('larger than the limit of 15728640 bytes');
  });

  it('cuts the connection when a chunked response grows past the limit (its headers are gone already)', async () => {
    let error: unknown;
    await callHub(p, rivCall('HUGE-CHUNKED'), internal).catch((e: unknown) => (error = e));
    expect(error).to.be.instanceOf(Error);
    expect((await callHub(p, rivCall('BIG'), internal)).status).to.equal(200);
  });
});
