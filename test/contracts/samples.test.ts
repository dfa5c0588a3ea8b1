import { expect } from 'chai';
import { loadCatalogue } from '../../src/contracts/index.js';
import { checkPayloadElement, checkResultCode } from '../../src/contracts/verify/message-checks.js';
import { parseXml } from '../../src/shared/xml/tree.js';
import { skipWithoutReference, validatePayloadXml } from '../support/riv-reference.js';

describe('shipped sample messages (riv-contracts/samples)', function () {
  const contracts = [...loadCatalogue().values()];

  it('ships a request and a response for every contract in riv-contracts/', () => {
    const missing = contracts.filter((c) => !c.sampleRequest || !c.sampleResponse).map((c) => `${c.interaction} ${c.major}`);
    expect(missing).to.deep.equal([]);
  });

  for (const c of contracts) {
    describe(`${c.interaction} ${c.major}`, () => {
      it('request and response are valid against the published schema', async function () {
        skipWithoutReference(this);
        expect(await validatePayloadXml(c.sampleRequest!)).to.deep.equal([]);
        expect(await validatePayloadXml(c.sampleResponse!)).to.deep.equal([]);
      });

      it("agree with the descriptor: element names, namespace and the result code's path", () => {
        const request = parseXml(c.sampleRequest!);
        const response = parseXml(c.sampleResponse!);
        expect(checkPayloadElement(request, c, 'request').passed, 'request element').to.equal(true);
        expect(checkPayloadElement(response, c, 'response').passed, 'response element').to.equal(true);
        expect(checkResultCode(response, c)?.passed ?? true, `result code at ${c.resultCode?.join('/')}`).to.equal(true);
      });
    });
  }
});
