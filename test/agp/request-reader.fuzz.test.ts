import { expect } from 'chai';
import fc from 'fast-check';
import { postSoap } from '../../src/shared/soap/client.js';
import { PLATFORM_SECRET_HEADER } from '../../src/platform/soap-server.js';
import { rivRequest, soapEnvelope } from '../../src/shared/soap/envelope.js';
import { HEADER } from '../../src/shared/soap/namespaces.js';
import { createLogger } from '../../src/shared/log.js';
import { agpPath, AGGREGATED_CONTRACTS } from '../../src/agp/index.js';
import { editedRequest, fuzzRuns } from '../support/xml-fuzz.js';
import { startAgpPlatform, type AgpPlatform, CONSUMER, PLATFORM } from './platform.js';
import { careDocumentation3Request, GCD3_NS, scheduleAnswer, scheduleRequest, SCHEDULING_NS } from './fixtures.js';
import { cutRecords } from '../../src/agp/cut-records.js';
import { DEFAULT_XML_LIMITS } from '../../src/shared/xml/limits.js';

const REQUESTS: Array<[string, string]> = [
  [SCHEDULING_NS, scheduleRequest()],
  [GCD3_NS, careDocumentation3Request()],
];

describe('AgP request reader under fuzzing (fast-check)', function () {
  this.timeout(60000);
  let agp: AgpPlatform;
  const errors: string[] = [];

  before(async () => {
    agp = await startAgpPlatform({}, createLogger('error', {}, (line) => void errors.push(line)));
  });
  after(() => agp.close());

  for (const [namespace, payload] of REQUESTS) {
    const contract = AGGREGATED_CONTRACTS.find((c) => c.namespace === namespace)!;
    it(`${contract.interaction} answers any request with an aggregated answer or a SOAP fault, never an unexpected error or a hang`, async () => {
      const statuses = new Set<number>();
      const headers = { [HEADER.senderId]: CONSUMER, [HEADER.originalConsumer]: CONSUMER, [HEADER.correlationId]: 'fuzz', [PLATFORM_SECRET_HEADER]: agp.platform.ctx.servicesSecret };
      await fc.assert(
        fc.asyncProperty(editedRequest([rivRequest(PLATFORM, payload)]), async (body) => {
          const answer = await postSoap({ url: agp.platform.servicesBaseUrl + agpPath(contract), body, headers, timeoutMs: 5000 });
          expect(errors, 'errors logged').to.deep.equal([]);
          expect(answer.envelope, answer.body).to.not.equal(undefined);
          statuses.add(answer.status);
          if (answer.status === 200) expect(answer.envelope!.payload?.name).to.equal(`${contract.interaction}Response`);
          else {
            expect(answer.status).to.equal(500);
            expect(answer.envelope!.fault?.string).to.be.a('string').and.not.equal('');
          }
        }),
        fuzzRuns(200),
      );
      // Edits outside what the reader checks leave requests valid: both kinds of answer were compared.
      expect([...statuses].sort()).to.deep.equal([200, 500]);
    });
  }

  it('reads any producer answer as records, a fault, an empty Body or not SOAP, without throwing', () => {
    const answer = soapEnvelope(scheduleAnswer(3)(rivRequest(PLATFORM, scheduleRequest())));
    const kinds = new Set<string>();
    fc.assert(
      fc.property(editedRequest([answer]), (xml) => {
        kinds.add(cutRecords(xml, ['timeslotDetail'], SCHEDULING_NS, DEFAULT_XML_LIMITS).kind);
      }),
      fuzzRuns(2000),
    );
    expect([...kinds].sort()).to.include.members(['not-soap', 'payload']);
  });
});
