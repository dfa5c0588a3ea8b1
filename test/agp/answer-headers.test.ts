import { expect } from 'chai';
import { startProducer, type Producer } from './producers.js';
import { startAgpPlatform, type AgpPlatform, CONSUMER } from './platform.js';
import { aggregated, careDocumentation3HasMore, careDocumentation3Request, DESCRIPTION_DOMAIN, faultOf, GCD3_NS } from './fixtures.js';
import { callHub, type Caller } from '../vp/hub-calls.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import type { SoapAnswer } from '../../src/shared/soap/client.js';
import { VERSION } from '../../src/platform/version.js';

const SOURCE = 'SE2321000016-JOUR-A';
const INSTANCE = 'NTJP-EMULATOR-1';

/** The headers a routed answer carries, asserted on an aggregated one. */
function expectRoutedAnswerHeaders(answer: SoapAnswer, correlationId: string, routingHistory: string): void {
  expect(answer.headers['content-length']).to.equal(String(Buffer.byteLength(answer.body)));
  expect(answer.headers).to.not.have.any.keys('transfer-encoding');
  expect(answer.headers.server).to.equal(`ntjp-emulator-agp/${VERSION}`);
  expect(answer.headers['x-rivta-routing-history']).to.equal(routingHistory);
  expect(answer.headers['x-skltp-correlation-id']).to.equal(correlationId);
  expect(answer.headers['x-skltp-prt']).to.match(/^\d+$/);
  expect(answer.headers['content-type']).to.equal('text/xml; charset=UTF-8');
}

describe('AgP answer headers through the hub', function () {
  let agp: AgpPlatform;
  let source: Producer;

  before(async () => {
    agp = await startAgpPlatform();
    source = await startProducer({ kind: 'records', body: careDocumentation3HasMore(SOURCE) });
    agp.route(SOURCE, GCD3_NS, source.url);
    agp.permit(CONSUMER, SOURCE, GCD3_NS);
    await agp.engage([{ logicalAddress: SOURCE, serviceDomain: DESCRIPTION_DOMAIN, categorization: 'voo' }]);
  });
  after(async () => {
    await source?.close();
    await agp?.close();
  });

  const callAggregated = (as: Caller, headers: Record<string, string>, payload = careDocumentation3Request()): Promise<SoapAnswer> =>
    callHub(agp.test, rivRequest('5565594230', payload), as, headers);

  it('an aggregated answer on the HTTPS listener has a Content-Length, a Server header, the routing history the hub built, the correlation id and x-skltp-prt', async () => {
    const answer = await callAggregated({ mtls: CONSUMER }, { 'x-skltp-correlation-id': 'corr-agp-https' });
    expect(aggregated(answer).status.map((s) => s.statusCode)).to.deep.equal(['DataFromSource']);
    expectRoutedAnswerHeaders(answer, 'corr-agp-https', `${CONSUMER}#${INSTANCE}`);
  });

  it('an aggregated answer on the HTTP listener carries a given routing history with this hub appended', async () => {
    const answer = await callAggregated({ proxyCert: CONSUMER }, { 'x-skltp-correlation-id': 'corr-agp-http', 'x-rivta-routing-history': 'SE2321000016-REGKONS#REGIONAL-VP' });
    expect(aggregated(answer).status.map((s) => s.statusCode)).to.deep.equal(['DataFromSource']);
    expectRoutedAnswerHeaders(answer, 'corr-agp-http', `SE2321000016-REGKONS#REGIONAL-VP#${INSTANCE}`);
  });

  it("the aggregator's own SOAP fault carries the same headers", async () => {
    const answer = await callAggregated({ mtls: CONSUMER }, { 'x-skltp-correlation-id': 'corr-agp-fault' }, careDocumentation3Request('<hasMoreReference>page-2</hasMoreReference>'));
    expect(faultOf(answer)).to.equal('Parametern hasMoreReference skall inte användas i anrop till aggregerande tjänst');
    expectRoutedAnswerHeaders(answer, 'corr-agp-fault', `${CONSUMER}#${INSTANCE}`);
  });
});
