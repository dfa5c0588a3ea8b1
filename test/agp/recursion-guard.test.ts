import { expect } from 'chai';
import { startProducer, type Producer } from './producers.js';
import { startAgpPlatform, type AgpPlatform, CONSUMER, PLATFORM } from './platform.js';
import { aggregated, careDocumentation3HasMore, careDocumentation3Request, DESCRIPTION_DOMAIN, GCD3_NS } from './fixtures.js';
import { contractKey, AGGREGATED_CONTRACTS } from '../../src/agp/index.js';
import type { VpApi } from '../../src/vp/index.js';

const EI = 'SE2321000016-EI';
const SOURCE = 'SE2321000016-JOUR-A';
const GCD3 = AGGREGATED_CONTRACTS.find((c) => c.namespace === GCD3_NS)!;

describe('AgP recursion guard (spec §4.3 step 2, NTP-2093)', () => {
  let agp: AgpPlatform;
  let producer: Producer;

  before(async () => {
    // An EI with its own address that accepts the aggregator's address as a logicalAddress (EI005 would
    // refuse it with the default reserved list), so that such an engagement can exist.
    agp = await startAgpPlatform({ 'ei.hsaId': EI, 'ei.notAllowedHsaIds': [EI], 'agp.eiLogicalAddress': EI });
    producer = await startProducer({ kind: 'records', body: careDocumentation3HasMore(SOURCE) });
    agp.route(SOURCE, GCD3_NS, producer.url);
    agp.permit(CONSUMER, SOURCE, GCD3_NS);
    await agp.engage([
      { logicalAddress: PLATFORM, serviceDomain: DESCRIPTION_DOMAIN, categorization: 'voo' },
      { logicalAddress: SOURCE, serviceDomain: DESCRIPTION_DOMAIN, categorization: 'voo' },
    ]);
  });
  after(async () => {
    await producer?.close();
    await agp?.close();
  });

  it('drops an engagement at the aggregator\'s own address: the aggregator is called once, the other source answers', async () => {
    const { payload, status } = aggregated(await agp.call(careDocumentation3Request()));
    expect(status).to.deep.equal([{ logicalAddress: SOURCE, statusCode: 'DataFromSource' }]);
    expect(payload.children.filter((c) => c.name === 'hasMore')).to.have.length(1);
    const toAggregator = agp.test.ctx.use<VpApi>('vp').traffic.list({ receiver: PLATFORM, contract: GCD3_NS });
    expect(toAggregator).to.have.length(1);
    const agpStatus = (await (await fetch(`${agp.test.adminUrl}/status`)).json()) as { agp: { calls: Record<string, number> } };
    expect(agpStatus.agp.calls).to.deep.equal({ [contractKey(GCD3)]: 1 });
  });
});
