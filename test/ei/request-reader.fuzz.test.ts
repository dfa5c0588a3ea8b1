import { expect } from 'chai';
import fc from 'fast-check';
import { postSoap } from '../../src/shared/soap/client.js';
import { PLATFORM_SECRET_HEADER } from '../../src/platform/soap-server.js';
import { createLogger } from '../../src/shared/log.js';
import { eiComponent } from '../../src/ei/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { editedRequest, fuzzRuns } from '../support/xml-fuzz.js';
import { findContentRequest, inserts, processNotificationRequest, updateRequest, PATIENT } from './fixtures.js';

const SERVICES: Array<[string, string]> = [
  ['/ei/update', updateRequest(inserts(2))],
  ['/ei/process-notification', processNotificationRequest(inserts(1, { owner: 'SE2321000016-OTHEREI' }))],
  ['/ei/find-content', findContentRequest({ registeredResidentIdentification: PATIENT, serviceDomain: 'riv:clinicalprocess:healthcond:description' })],
];

/** The faults the EI means to give: its SOAP server's for unreadable requests, its header check, its EI codes. */
const INTENDED_FAULT = /^(?:Malformed SOAP request: .+|SOAP Body is empty|Mandatory HTTP header \S+ is missing|EI00\d: .+)$/s;

describe('EI request readers under fuzzing (fast-check)', function () {
  this.timeout(60000);
  let p: TestPlatform;
  const errors: string[] = [];

  before(async () => {
    p = await startTestPlatform({ components: [eiComponent], log: createLogger('error', {}, (line) => void errors.push(line)) });
  });
  after(() => p.close());

  for (const [path, base] of SERVICES) {
    it(`${path} answers any request with its answer or an intended fault, never an unexpected error or a hang`, async () => {
      const statuses = new Set<number>();
      await fc.assert(
        fc.asyncProperty(editedRequest([base]), async (body) => {
          const answer = await postSoap({ url: p.platform.servicesBaseUrl + path, body, headers: { 'x-skltp-correlation-id': 'fuzz', [PLATFORM_SECRET_HEADER]: p.platform.ctx.servicesSecret }, timeoutMs: 5000 });
          expect(errors, 'errors logged').to.deep.equal([]);
          expect(answer.envelope, answer.body).to.not.equal(undefined);
          statuses.add(answer.status);
          if (answer.status === 200) expect(answer.envelope!.fault).to.equal(undefined);
          else {
            expect(answer.status).to.equal(500);
            expect(answer.envelope!.fault?.string).to.match(INTENDED_FAULT);
          }
        }),
        fuzzRuns(250),
      );
      // Edits outside what the reader checks leave requests valid: both kinds of answer were compared.
      expect([...statuses].sort()).to.deep.equal([200, 500]);
    });
  }
});
