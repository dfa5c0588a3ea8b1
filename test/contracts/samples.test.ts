import { expect } from 'chai';
import { loadCatalogue } from '../../src/contracts/index.js';
import { skipWithoutReference, validatePayloadXml } from '../support/riv-reference.js';

describe('shipped sample messages (riv-contracts/samples)', function () {
  beforeEach(function () {
    skipWithoutReference(this);
  });

  const withSamples = [...loadCatalogue().values()].filter((c) => c.sampleRequest || c.sampleResponse);

  it('ships samples for at least the four contracts verify is tested with', () => {
    expect(withSamples.map((c) => c.interaction).sort()).to.deep.equal(['CancelBooking', 'GetCareDocumentation', 'IsActiveUser', 'PingForConfiguration']);
  });

  for (const c of withSamples) {
    it(`${c.interaction} ${c.major}: request and response are valid against the published schema`, async () => {
      expect(await validatePayloadXml(c.sampleRequest!)).to.deep.equal([]);
      expect(await validatePayloadXml(c.sampleResponse!)).to.deep.equal([]);
    });
  }
});
