import { expect } from 'chai';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { CONTRACT, HSA, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault } from './hub-calls.js';

const consumer = { mtls: HSA.consumer };

describe('hub routing over real sockets', function () {
  let p: TestPlatform;
  let producer: TestProducer;
  let other: TestProducer;

  before(async () => {
    producer = await startProducer(() => ({ body: rivAnswer(undefined, '<from>main</from>') }));
    other = await startProducer(() => ({ body: rivAnswer(undefined, '<from>other</from>') }));
    const hsa = [
      { hsaId: 'SE-REGION', parent: 'SE' },
      { hsaId: 'SE-WARD', parent: 'SE-REGION' },
    ];
    p = await startTestPlatform({
      catalogue: snapshot(
        [
          route(HSA.careUnit, producer.url),
          route('SE-REGION', other.url),
          route('TWICE', producer.url),
          route('TWICE', other.url, { profile: 'RIVTABP20' }),
          route('NO-URL', ''),
          route('NOT-ALLOWED', producer.url),
          route('VE', other.url),
          route('EXPIRED', producer.url, { to: '2001-01-01' }),
        ],
        [permission(HSA.careUnit), permission('SE-REGION'), permission('TWICE'), permission('NO-URL'), permission('VE')],
        hsa,
      ),
    });
  });
  after(async () => {
    await p.close();
    await Promise.all([producer.close(), other.close()]);
  });

  it('routes whatever the case of the logical address', async () => {
    const res = await callHub(p, rivCall(HSA.careUnit.toLowerCase()), consumer);
    expect(res.status).to.equal(200);
    expect(res.body).to.include('<from>main</from>');
  });

  it('climbs the HSA tree for both route and permission', async () => {
    const res = await callHub(p, rivCall('SE-WARD'), consumer);
    expect(res.body).to.include('<from>other</from>');
  });

  it('does not climb the HSA tree for namespaces excepted from the lookup', async () => {
    const q = await startTestPlatform({
      catalogue: snapshot([route('SE-REGION', other.url)], [permission('SE-REGION'), permission('SE-WARD')], [{ hsaId: 'SE-WARD', parent: 'SE-REGION' }]),
      settings: { 'vp.hsaLookupRoutesExcept': ['urn:riv:crm:scheduling:'] },
    });
    try {
      expectVpFault(await callHub(q, rivCall('SE-WARD'), consumer), 'VP004');
    } finally {
      await q.close();
    }
  });

  it('routes VG#VE on its right-most part', async () => {
    const res = await callHub(p, rivCall('VG#VE'), consumer);
    expect(res.body).to.include('<from>other</from>');
  });

  it('gives VP003 when the call has no logical address', async () => {
    const noAddress = rivCall(HSA.careUnit).replace(/<LogicalAddress[^>]*>[^<]*<\/LogicalAddress>/, '');
    const detail = expectVpFault(await callHub(p, noAddress, consumer), 'VP003');
    expect(detail).to.equal('No receiverId (logical address) found in message header. ');
  });

  it('gives VP004 for an unknown receiver, before any permission check', async () => {
    const detail = expectVpFault(await callHub(p, rivCall(HSA.unknownUnit), { mtls: HSA.otherConsumer }), 'VP004');
    expect(detail).to.equal(`No receiverId (logical address) found for serviceNamespace: ${CONTRACT.getSchedule}, receiverId: ${HSA.unknownUnit}`);
  });

  it('gives VP004 for a route outside its validity and warns about whitespace in the receiver', async () => {
    expectVpFault(await callHub(p, rivCall('EXPIRED'), consumer), 'VP004');
    const detail = expectVpFault(await callHub(p, rivCall(` ${HSA.careUnit}`), consumer), 'VP004');
    expect(detail).to.match(/receiverId:  SE2321000016-1234\. Whitespace detected in incoming request!$/);
  });

  it('gives VP006 when two valid routes match, even if only the profile differs', async () => {
    const detail = expectVpFault(await callHub(p, rivCall('TWICE'), consumer), 'VP006');
    expect(detail).to.equal(`More than one receiverId (logical address) with matching Riv-version found for serviceNamespace: ${CONTRACT.getSchedule}, receiverId: TWICE`);
  });

  it('gives VP010 for a route without an address', async () => {
    expectVpFault(await callHub(p, rivCall('NO-URL'), consumer), 'VP010');
  });

  it('gives VP007 to a consumer without permission, naming the sender', async () => {
    const detail = expectVpFault(await callHub(p, rivCall('NOT-ALLOWED'), consumer), 'VP007');
    expect(detail).to.equal(`Authorization missing for serviceNamespace: ${CONTRACT.getSchedule}, receiverId: NOT-ALLOWED, senderId: ${HSA.consumer}`);
  });

  it('gives VP008 while no catalogue has been loaded', async () => {
    const empty = await startTestPlatform();
    try {
      const detail = expectVpFault(await callHub(empty, rivCall(HSA.careUnit), consumer), 'VP008');
      expect(detail).to.equal('No contact with TAK at startup, and no local cache to fallback on, not possible to route call');
    } finally {
      await empty.close();
    }
  });

  it('routes on a new catalogue as soon as it is switched', async () => {
    const q = await startTestPlatform();
    try {
      expectVpFault(await callHub(q, rivCall(HSA.careUnit), consumer), 'VP008');
      q.setCatalogue(snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]));
      expect((await callHub(q, rivCall(HSA.careUnit), consumer)).status).to.equal(200);
    } finally {
      await q.close();
    }
  });
});
