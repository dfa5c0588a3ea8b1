import { expect } from 'chai';
import { parseEnvelope } from '../../src/shared/soap/envelope.js';
import { NS } from '../../src/shared/soap/namespaces.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault } from './hub-calls.js';

const consumer = { mtls: HSA.consumer };

describe('hub RIV-TA profiles', function () {
  let p: TestPlatform;
  let producer: TestProducer;
  const header = () => parseEnvelope(producer.calls.at(-1)!.body).header!.children;

  before(async () => {
    producer = await startProducer();
    p = await startTestPlatform({
      catalogue: snapshot(
        [route('BP21', producer.url), route('BP20', producer.url, { profile: 'RIVTABP20' }), route('BP30', producer.url, { profile: 'RIVTABP30' as 'RIVTABP21' })],
        [permission('BP21'), permission('BP20'), permission('BP30')],
      ),
    });
  });
  after(async () => {
    await p.close();
    await producer.close();
  });

  it('sends a BP 2.1 call to a BP 2.1 producer byte for byte', async () => {
    const call = rivCall('BP21');
    expect((await callHub(p, call, consumer)).status).to.equal(200);
    expect(producer.calls.at(-1)!.body).to.equal(call);
  });

  it('sends a BP 2.0 call to a BP 2.0 producer byte for byte', async () => {
    const call = rivCall('BP20', { profile: 'RIVTABP20' });
    expect((await callHub(p, call, consumer)).status).to.equal(200);
    expect(producer.calls.at(-1)!.body).to.equal(call);
  });

  it('converts wsa:To to LogicalAddress for a BP 2.1 route, leaving the payload untouched', async () => {
    const call = rivCall('BP21', { profile: 'RIVTABP20', extraHeaders: [`<wsa:Action xmlns:wsa="${NS.wsa}">urn:x</wsa:Action>`] });
    expect((await callHub(p, call, consumer)).status).to.equal(200);
    const [address, action] = header();
    expect([address!.ns, address!.name, address!.text]).to.deep.equal([NS.registry1, 'LogicalAddress', 'BP21']);
    expect([action!.ns, action!.name]).to.deep.equal([NS.registry1, 'Action']);
    const body = producer.calls.at(-1)!.body;
    expect(body.slice(body.indexOf('<soapenv:Body>'))).to.equal(call.slice(call.indexOf('<soapenv:Body>')));
  });

  it('converts LogicalAddress to wsa:To for a BP 2.0 route', async () => {
    expect((await callHub(p, rivCall('BP20'), consumer)).status).to.equal(200);
    const [address] = header();
    expect([address!.ns, address!.name, address!.text]).to.deep.equal([NS.wsa, 'To', 'BP20']);
  });

  it('matches the logical address element on its local name in any namespace', async () => {
    const call = rivCall('x').replace(/<LogicalAddress[^>]*>x<\/LogicalAddress>/, '<a:LogicalAddress xmlns:a="urn:other">BP21</a:LogicalAddress>');
    expect((await callHub(p, call, consumer)).status).to.equal(200);
  });

  it('gives VP005 naming the call\'s profile when the route has a profile the call can not be converted to', async () => {
    const detail = expectVpFault(await callHub(p, rivCall('BP30'), consumer), 'VP005');
    expect(detail).to.equal('No receiverId (logical address) with matching Riv-version found for rivtabp21');
  });
});
