import { expect } from 'chai';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { vpComponent } from '../../src/vp/index.js';
import { eiComponent, EI_NS } from '../../src/ei/index.js';
import { callThroughHub, type SoapAnswer } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import type { CatalogueSnapshot } from '../../src/tak/snapshot.js';
import { ATTACK_DEPTH, PROMPT_MS, nested, timed, withContent } from '../support/xml-shapes.js';
import { EI_HSA_ID, PATIENT, findContentPayload, inserts, resultCode, updatePayload } from './fixtures.js';

const PRODUCER = 'SE2321000016-PROD';
const DAYS = { from: '2000-01-01', to: '2100-01-01' };
const DOMAIN = 'riv:clinicalprocess:healthcond:description';

/** The EI's Update and FindContent routed at its address, both permitted to the producer. */
function catalogue(servicesBaseUrl: string): CatalogueSnapshot {
  const services: Array<[string, string]> = [[EI_NS.update, '/ei/update'], [EI_NS.findContent, '/ei/find-content']];
  return {
    version: 1,
    publishedAt: new Date().toISOString(),
    hsaUnits: [],
    routes: services.map(([namespace, path], i) => ({ id: i + 1, logicalAddress: EI_HSA_ID, namespace, profile: 'RIVTABP21', url: servicesBaseUrl + path, component: EI_HSA_ID, ...DAYS })),
    permissions: services.map(([namespace], i) => ({ id: i + 1, logicalAddress: EI_HSA_ID, namespace, consumer: PRODUCER, filters: [], ...DAYS })),
  };
}

describe('EI XML limits (through the hub)', function () {
  this.timeout(30000);
  let p: TestPlatform;
  const call = (payload: string): Promise<SoapAnswer> => callThroughHub(p.internalCaller(PRODUCER), rivRequest(EI_HSA_ID, payload));
  const findContent = (): Promise<SoapAnswer> => call(findContentPayload({ registeredResidentIdentification: PATIENT, serviceDomain: DOMAIN }));

  before(async () => {
    p = await startTestPlatform({ components: [vpComponent, eiComponent] });
    p.setCatalogue(catalogue(p.platform.servicesBaseUrl));
    expect(resultCode(await call(updatePayload(inserts(1))))).to.equal('OK');
  });
  after(() => p.close());

  const REQUESTS: Array<[string, string]> = [
    ['FindContent', findContentPayload({})],
    ['Update', updatePayload([])],
  ];
  for (const [operation, emptyPayload] of REQUESTS) {
    it(`answers a request to ${operation} nested ${ATTACK_DEPTH} deep with the Client fault for malformed XML naming the limit, promptly, and serves a parallel FindContent`, async () => {
      const [attack, ordinary] = await Promise.all([timed(() => call(withContent(emptyPayload, nested(ATTACK_DEPTH)))), timed(findContent)]);
      expect(attack.value.status).to.equal(500);
      expect(attack.value.envelope?.fault?.code).to.equal('soapenv:Client');
      expect(attack.value.envelope?.fault?.string).to.equal('Malformed SOAP request: XML nesting deeper than 256');
      expect(attack.ms).to.be.below(PROMPT_MS);
      expect(ordinary.value.status).to.equal(200);
      expect(ordinary.ms).to.be.below(PROMPT_MS);
    });
  }
});
