import { expect } from 'chai';
import { startProducer, type Producer } from './producers.js';
import { startAgpPlatform, type AgpPlatform, CONSUMER } from './platform.js';
import { aggregated, scheduleAnswer, scheduleRequest, SCHEDULING_DOMAIN, SCHEDULING_NS } from './fixtures.js';
import { ATTACK_DEPTH, PROMPT_MS, nested, timed, withContent } from '../support/xml-shapes.js';

const DEEP_UNIT = 'SE2321000016-V000';
const GOOD_UNIT = 'SE2321000016-V001';

describe('AgP XML limits', function () {
  this.timeout(30000);
  let agp: AgpPlatform;
  const producers: Producer[] = [];

  before(async () => {
    agp = await startAgpPlatform({ 'agp.sourceTimeoutMs': 5000 });
    const deepAnswer = (requestXml: string): string => withContent(scheduleAnswer(0)(requestXml), nested(ATTACK_DEPTH));
    producers.push(await startProducer({ kind: 'records', body: deepAnswer }), await startProducer({ kind: 'records', body: scheduleAnswer(1) }));
    [DEEP_UNIT, GOOD_UNIT].forEach((unit, i) => {
      agp.route(unit, SCHEDULING_NS, producers[i]!.url);
      agp.permit(CONSUMER, unit, SCHEDULING_NS);
    });
    await agp.engage([DEEP_UNIT, GOOD_UNIT].map((logicalAddress) => ({ logicalAddress, serviceDomain: SCHEDULING_DOMAIN, categorization: '' })));
  });
  after(async () => {
    await Promise.all(producers.map((p) => p.close()));
    await agp.close();
  });

  it(`answers an aggregated call nested ${ATTACK_DEPTH} deep with the Client fault for malformed XML naming the limit, promptly, and serves a parallel aggregated call`, async () => {
    const [attack, ordinary] = await Promise.all([timed(() => agp.call(withContent(scheduleRequest(), nested(ATTACK_DEPTH)))), timed(() => agp.call(scheduleRequest()))]);
    expect(attack.value.status).to.equal(500);
    expect(attack.value.envelope?.fault?.code).to.equal('soapenv:Client');
    expect(attack.value.envelope?.fault?.string).to.equal('Malformed SOAP request: XML nesting deeper than 256');
    expect(attack.ms).to.be.below(PROMPT_MS);
    expect(aggregated(ordinary.value).status.map((s) => s.logicalAddress).sort()).to.deep.equal([DEEP_UNIT, GOOD_UNIT]);
    expect(ordinary.ms).to.be.below(PROMPT_MS);
  });

  it(`reports a source whose answer is nested ${ATTACK_DEPTH} deep as NoDataSynchFailed, promptly, and merges the other source`, async () => {
    const { value, ms } = await timed(() => agp.call(scheduleRequest()));
    const { payload, status } = aggregated(value);
    expect(payload.children.map((c) => c.name)).to.deep.equal(['timeslotDetail']);
    expect(status).to.deep.include({ logicalAddress: DEEP_UNIT, statusCode: 'NoDataSynchFailed', code: '43000', text: 'Invalid answer from source (HTTP 200): no SOAP envelope' });
    expect(status).to.deep.include({ logicalAddress: GOOD_UNIT, statusCode: 'DataFromSource' });
    expect(ms).to.be.below(PROMPT_MS);
  });
});
