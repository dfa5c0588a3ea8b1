import { expect } from 'chai';
import { loadCatalogue } from '../../src/contracts/index.js';
import { verifyProducer, type CheckSuite } from '../../src/contracts/verify/index.js';
import { demoReferenceSystems } from '../../src/services/demo/roles.js';
import { DEMO_SYSTEMS } from '../../src/services/demo/systems.js';
import { EI_UPDATE_NS } from '../../src/services/ei-reporter.js';
import { JOURNAL_CONTRACTS } from '../../src/services/journal/journal-contracts.js';
import { contractPath, type RunningReferenceSystem } from '../../src/services/reference-system.js';
import { postSoap } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { referenceSchemas, skipWithoutReference } from '../support/riv-reference.js';
import { startStandInHub, EI_UPDATE_OK, type StandInHub } from '../services/stand-in-hub.js';

/** The demo's reference journals (Stockholm and Uppsala), built as `npm start` builds them, with the demo data set. */
const JOURNALS = demoReferenceSystems().filter((s) => DEMO_SYSTEMS.some((d) => d.role === 'journal' && d.hsaId === s.hsaId));
/** Every contract a reference journal answers (the systems' own `produces` list). */
const ANSWERED = [...new Set(JOURNALS.flatMap((s) => s.produces))];

function failed(s: CheckSuite): string[] {
  return s.checks.filter((c) => !c.passed).map((c) => `${c.id}: ${c.detail}`);
}

describe('shipped journal samples against the reference journal systems (ntjp verify producer)', function () {
  this.timeout(30000);
  const catalogue = loadCatalogue();
  let hub: StandInHub;
  const running: RunningReferenceSystem[] = [];

  before(async () => {
    hub = await startStandInHub({ [EI_UPDATE_NS]: EI_UPDATE_OK }, JOURNALS.map((s) => s.hsaId));
    for (const s of JOURNALS) running.push(await s.start(hub.env));
  });
  after(async () => {
    for (const r of running) await r.close();
    await hub?.close();
  });

  beforeEach(function () {
    skipWithoutReference(this);
  });

  it('starts both demo journals, each answering every journal contract', () => {
    expect(JOURNALS.map((s) => s.name)).to.deep.equal(['journal-stockholm', 'journal-uppsala']);
    expect(ANSWERED).to.deep.equal(JOURNAL_CONTRACTS.map((c) => c.namespace));
    for (const s of JOURNALS) expect(s.produces).to.deep.equal(ANSWERED);
  });

  it('ships a descriptor with a sample request and response for every contract a reference journal answers', () => {
    expect(ANSWERED.filter((ns) => !catalogue.get(ns)?.sampleRequest || !catalogue.get(ns)?.sampleResponse)).to.deep.equal([]);
  });

  for (const ns of ANSWERED) {
    const journalContract = JOURNAL_CONTRACTS.find((c) => c.namespace === ns)!;
    it(`${journalContract.operation} ${ns.split(':').pop()}: the sample request passes every check on each journal over mutual TLS, and finds Tolvan's demo records`, async () => {
      const contract = catalogue.get(ns)!;
      const ids = ['sample-request', 'content-type', 'soap-envelope', 'http-status', 'response-element', 'schema', ...(contract.resultCode ? ['result-code'] : [])];
      let records = 0;
      for (const [i, s] of JOURNALS.entries()) {
        const url = running[i]!.url + contractPath(ns);
        const suite = await verifyProducer({ contract, url, logicalAddress: s.hsaId, validate: (x) => referenceSchemas().validateXml(x), dispatcher: hub.hubAgent });
        expect(failed(suite), s.name).to.deep.equal([]);
        expect(suite.checks.map((k) => k.id), s.name).to.deep.equal(ids);
        const answer = await postSoap({ url, body: rivRequest(s.hsaId, contract.sampleRequest!.trim()), dispatcher: hub.hubAgent });
        records += answer.envelope!.payload!.children.filter((e) => e.name === journalContract.recordElement).length;
      }
      expect(records, journalContract.recordElement).to.be.greaterThan(0);
    });
  }
});
