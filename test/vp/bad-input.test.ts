import { expect } from 'chai';
import { connect } from 'node:net';
import { request } from 'undici';
import { postSoap } from '../../src/shared/soap/client.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault } from './hub-calls.js';

const internal = { internal: HSA.consumer };

describe('hub bad input', function () {
  let p: TestPlatform;
  let producer: TestProducer;

  before(async () => {
    producer = await startProducer();
    p = await startTestPlatform({
      catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]),
      settings: { 'vp.clientTimeoutMs': 400 },
    });
  });
  after(async () => {
    await p.close();
    await producer.close();
  });

  const cases: Array<[string, string, RegExp]> = [
    ['an external entity (XXE)', `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>${rivCall(HSA.careUnit).replace('<?xml version="1.0" encoding="UTF-8"?>', '')}`, /DOCTYPE is not allowed/],
    ['entity expansion (billion laughs)', `<!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;&a;">]><l>&b;</l>`, /DOCTYPE is not allowed/],
    ['malformed XML before the payload', '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header><LogicalAddress>x</Logical></soapenv:Header>', /unexpected close tag/],
    ['a document that is not SOAP', '<hello/>', /^not a SOAP 1\.1 envelope: \{\}hello$/],
    ['a SOAP 1.2 envelope', '<e:Envelope xmlns:e="http://www.w3.org/2003/05/soap-envelope"><e:Body><x/></e:Body></e:Envelope>', /^not a SOAP 1\.1 envelope/],
    ['an empty Body', '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header/><s:Body/></s:Envelope>', /^SOAP Body has no payload element$/],
    ['an empty request', '', /document must contain a root element/],
    ['a multi-byte encoding other than UTF-8', rivCall(HSA.careUnit).replace('UTF-8', 'Shift_JIS'), /^encoding Shift_JIS is not supported; send UTF-8 or a single-byte encoding such as ISO-8859-1$/],
    ['an unknown encoding', rivCall(HSA.careUnit).replace('UTF-8', 'x-no-such-charset'), /^encoding x-no-such-charset is not supported/],
  ];
  const READ_FAILED = 'The request could not be read properly. ';
  for (const [what, body, message] of cases) {
    it(`gives VP015 for ${what} without calling the producer`, async () => {
      const before = producer.calls.length;
      const detail = expectVpFault(await callHub(p, body, internal), 'VP015');
      expect(detail.slice(0, READ_FAILED.length)).to.equal(READ_FAILED);
      expect(detail.slice(READ_FAILED.length)).to.match(message);
      expect(producer.calls.length).to.equal(before);
    });
  }

  it('answers 405 to GET and 404 outside /vp', async () => {
    expect((await request(p.hubHttpUrl)).statusCode).to.equal(405);
    const other = await postSoap({ url: p.hubHttpUrl.replace('/vp', '/other'), body: rivCall(HSA.careUnit) });
    expect(other.status).to.equal(404);
  });

  it('accepts any path under /vp', async () => {
    const res = await postSoap({ url: `${p.hubHttpUrl}/crm/scheduling/GetSubjectOfCareSchedule/1/rivtabp21`, body: rivCall(HSA.careUnit), headers: { 'x-vp-sender-id': HSA.consumer, 'x-vp-instance-id': p.ctx.instanceId } });
    expect(res.status).to.equal(200);
  });

  it('cuts off a client that stalls in the middle of its request, and keeps serving others', async () => {
    const url = new URL(p.hubHttpUrl);
    const socket = connect(Number(url.port), url.hostname);
    const closed = new Promise<string>((resolve) => {
      let answer = '';
      socket.on('data', (d) => (answer += d.toString()));
      socket.on('close', () => resolve(answer));
    });
    socket.write(`POST /vp HTTP/1.1\r\nHost: x\r\nContent-Type: text/xml\r\nContent-Length: 5000\r\nx-vp-sender-id: ${HSA.consumer}\r\nx-vp-instance-id: ${p.ctx.instanceId}\r\n\r\n<soapenv:Env`);
    const answer = await closed;
    expect(answer === '' || answer.startsWith('HTTP/1.1 408')).to.equal(true);
    expect((await callHub(p, rivCall(HSA.careUnit), internal)).status).to.equal(200);
  });

  it('survives a client that disconnects mid-request', async () => {
    const url = new URL(p.hubHttpUrl);
    const socket = connect(Number(url.port), url.hostname);
    await new Promise<void>((resolve) => socket.on('connect', resolve));
    const call = rivCall(HSA.careUnit);
    socket.write(`POST /vp HTTP/1.1\r\nHost: x\r\nContent-Length: ${call.length * 2}\r\nx-vp-sender-id: ${HSA.consumer}\r\nx-vp-instance-id: ${p.ctx.instanceId}\r\n\r\n${call}`);
    socket.destroy();
    expect((await callHub(p, rivCall(HSA.careUnit), internal)).status).to.equal(200);
  });
});
