import { expect } from 'chai';
import type { SoapAnswer } from '../../src/shared/soap/client.js';
import type { SettingValue } from '../../src/config/load.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { ATTACK_DEPTH, PROMPT_MS, manyAttributes, manyDeclarations, nested, siblings, timed } from '../support/xml-shapes.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHub, expectVpFault, type Caller } from './hub-calls.js';

/** VP015's detail starts as the real VP's does; the parser's message follows. */
const NOT_READ = 'The request could not be read properly. ';

const LISTENERS: Array<[string, Caller]> = [
  ['the HTTPS listener (mutual TLS)', { mtls: HSA.consumer }],
  ['the HTTP listener', { internal: HSA.consumer }],
];

/** A request with these elements in its SOAP Header (after LogicalAddress). */
const withHeader = (xml: string): string => rivCall(HSA.careUnit, { extraHeaders: [xml] });

/** The hub alone, routing the care unit to a test producer the consumer may call. */
async function startHubWithProducer(settings: Record<string, SettingValue> = {}): Promise<{ p: TestPlatform; producer: TestProducer }> {
  const producer = await startProducer();
  const p = await startTestPlatform({ catalogue: snapshot([route(HSA.careUnit, producer.url)], [permission(HSA.careUnit)]), settings });
  return { p, producer };
}

describe('hub XML limits', function () {
  this.timeout(30000);
  let p: TestPlatform;
  let producer: TestProducer;

  before(async () => {
    ({ p, producer } = await startHubWithProducer());
    // Certificates and connections made first, so that the timings below are of the calls alone.
    for (const [, as] of LISTENERS) expect((await callHub(p, rivCall(HSA.careUnit), as)).status).to.equal(200);
  });
  after(async () => {
    await p.close();
    await producer.close();
  });

  /** Sends `body` and an ordinary call at the same time; checks the ordinary one is served promptly. */
  async function withParallelCall(body: string, as: Caller): Promise<{ value: SoapAnswer; ms: number }> {
    const [attack, ordinary] = await Promise.all([timed(() => callHub(p, body, as)), timed(() => callHub(p, rivCall(HSA.careUnit), as))]);
    expect(ordinary.value.status, ordinary.value.body).to.equal(200);
    expect(ordinary.ms).to.be.below(PROMPT_MS);
    return attack;
  }

  for (const [listener, as] of LISTENERS) {
    it(`answers VP015 "XML nesting deeper than 256" promptly to a Header nested ${ATTACK_DEPTH} deep on ${listener}, and serves a parallel call`, async () => {
      const before = producer.calls.length;
      const attack = await withParallelCall(withHeader(nested(ATTACK_DEPTH)), as);
      expect(expectVpFault(attack.value, 'VP015')).to.equal(`${NOT_READ}XML nesting deeper than 256`);
      expect(attack.ms).to.be.below(PROMPT_MS);
      expect(producer.calls.length).to.equal(before + 1);
    });

    it(`passes a payload nested ${ATTACK_DEPTH} deep to the producer unread on ${listener} (the hub reads only to the first Body child), and serves a parallel call`, async () => {
      const body = rivCall(HSA.careUnit, { inner: nested(ATTACK_DEPTH) });
      const attack = await withParallelCall(body, as);
      expect(attack.value.status).to.equal(200);
      expect(attack.ms).to.be.below(PROMPT_MS);
      expect(producer.calls.some((c) => c.body === body)).to.equal(true);
    });
  }

  const BEYOND: Array<[string, string, string]> = [
    ['more than 1000000 elements', siblings(1_000_001), 'XML with more than 1000000 elements'],
    ['an element with more than 256 attributes', manyAttributes(257), 'XML element with more than 256 attributes'],
    ['more than 100000 namespace declarations', manyDeclarations(100_001), 'XML with more than 100000 namespace declarations'],
  ];
  for (const [what, header, detail] of BEYOND) {
    it(`answers VP015 "${detail}" to a Header with ${what}, without calling the producer`, async () => {
      const before = producer.calls.length;
      expect(expectVpFault(await callHub(p, withHeader(header), { internal: HSA.consumer }), 'VP015')).to.equal(NOT_READ + detail);
      expect(producer.calls.length).to.equal(before);
    });
  }

  it('accepts a request nested exactly 256 deep and an element with exactly 256 attributes', async () => {
    // Envelope and Header are the first two levels.
    expect((await callHub(p, withHeader(nested(254)), { internal: HSA.consumer })).status).to.equal(200);
    expect(expectVpFault(await callHub(p, withHeader(nested(255)), { internal: HSA.consumer }), 'VP015')).to.equal(`${NOT_READ}XML nesting deeper than 256`);
    expect((await callHub(p, withHeader(manyAttributes(256)), { internal: HSA.consumer })).status).to.equal(200);
  });
});

describe('hub XML limits set by the platform.xml* settings', function () {
  let p: TestPlatform;
  let producer: TestProducer;

  before(async () => {
    ({ p, producer } = await startHubWithProducer({ 'platform.xmlMaxDepth': 16, 'platform.xmlMaxElements': 50, 'platform.xmlMaxAttributes': 4, 'platform.xmlMaxNamespaceDeclarations': 6 }));
  });
  after(async () => {
    await p.close();
    await producer.close();
  });

  // Up to the payload, rivCall holds 5 elements (Envelope, Header, LogicalAddress, Body, payload) and 3
  // namespace declarations (soapenv, LogicalAddress's, the payload's); Header children start at depth 3.
  const CASES: Array<[string, string, string, string]> = [
    ['nesting', nested(14), nested(15), 'XML nesting deeper than 16'],
    ['elements', siblings(45), siblings(46), 'XML with more than 50 elements'],
    ['attributes', manyAttributes(4), manyAttributes(5), 'XML element with more than 4 attributes'],
    ['namespace declarations', manyDeclarations(3), manyDeclarations(4), 'XML with more than 6 namespace declarations'],
  ];
  for (const [what, within, beyond, detail] of CASES) {
    it(`routes a request at the ${what} limit and answers VP015 "${detail}" one beyond it`, async () => {
      expect((await callHub(p, withHeader(within), { internal: HSA.consumer })).status).to.equal(200);
      expect(expectVpFault(await callHub(p, withHeader(beyond), { mtls: HSA.consumer }), 'VP015')).to.equal(NOT_READ + detail);
    });
  }
});
