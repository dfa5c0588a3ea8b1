import { expect } from 'chai';
import { request } from 'undici';
import { startProducer, type Producer } from './producers.js';
import { startAgpPlatform, type AgpPlatform, CONSUMER, PATIENT } from './platform.js';
import { aggregated, careDocumentation3Error, careDocumentation3HasMore, careDocumentation3Request, DESCRIPTION_DOMAIN, emptyAnswer, faultOf, GCD3_CORE, GCD3_NS, minimalRequest, reparse, sourceSystemId } from './fixtures.js';
import { AGGREGATED_CONTRACTS, agpPath, contractKey } from '../../src/agp/index.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { SOAP_CONTENT_TYPE } from '../../src/shared/soap/namespaces.js';
import { PLATFORM_SECRET_HEADER } from '../../src/platform/soap-server.js';
import { children, childText, path } from '../../src/shared/xml/tree.js';
import { skipWithoutReference, validatePayloadXml } from '../support/riv-reference.js';

const SOURCE_A = 'SE2321000016-JOUR-A';
const SOURCE_B = 'SE2321000016-JOUR-B';

describe('AgP journal contracts', function () {
  let agp: AgpPlatform;
  const producers: Producer[] = [];

  async function journalSource(address: string, namespace: string, serviceDomain: string, categorization: string, body: () => string): Promise<Producer> {
    const p = await startProducer({ kind: 'records', body });
    producers.push(p);
    agp.route(address, namespace, p.url);
    agp.permit(CONSUMER, address, namespace);
    await agp.engage([{ logicalAddress: address, serviceDomain, categorization }]);
    return p;
  }

  afterEach(async () => {
    await Promise.all(producers.splice(0).map((p) => p.close()));
    await agp?.close();
  });

  describe('on a running EI', () => {
    beforeEach(async () => {
      agp = await startAgpPlatform();
    });

    it('GetCareDocumentation 3 merges the hasMore records of every source and answers resultCode INFO', async function () {
      await journalSource(SOURCE_A, GCD3_NS, DESCRIPTION_DOMAIN, 'voo', careDocumentation3HasMore(SOURCE_A));
      await journalSource(SOURCE_B, GCD3_NS, DESCRIPTION_DOMAIN, 'voo', careDocumentation3HasMore(SOURCE_B));
      const answer = await agp.call(careDocumentation3Request());
      const { payload, status } = aggregated(answer);
      expect(children(payload, 'hasMore').map((h) => childText(h, 'reference')).sort()).to.deep.equal([`page-2-of-${SOURCE_A}`, `page-2-of-${SOURCE_B}`]);
      expect(childText(path(payload, 'result'), 'resultCode')).to.equal('INFO');
      expect(status.map((s) => s.statusCode)).to.deep.equal(['DataFromSource', 'DataFromSource']);
      skipWithoutReference(this);
      expect(await validatePayloadXml(answer.body)).to.deep.equal([]);
    });

    it('a source answering resultCode ERROR is merged like any answer: DataFromSource, the merged result INFO (spec §4 step 6)', async function () {
      await journalSource(SOURCE_A, GCD3_NS, DESCRIPTION_DOMAIN, 'voo', careDocumentation3Error);
      await journalSource(SOURCE_B, GCD3_NS, DESCRIPTION_DOMAIN, 'voo', careDocumentation3HasMore(SOURCE_B));
      const answer = await agp.call(careDocumentation3Request());
      const { payload, status } = aggregated(answer);
      expect(children(payload, 'hasMore').map((h) => childText(h, 'reference'))).to.deep.equal([`page-2-of-${SOURCE_B}`]);
      expect(children(payload, 'result')).to.have.length(1);
      expect(childText(path(payload, 'result'), 'resultCode')).to.equal('INFO');
      expect(status.map((s) => [s.logicalAddress, s.statusCode]).sort()).to.deep.equal([[SOURCE_A, 'DataFromSource'], [SOURCE_B, 'DataFromSource']]);
      skipWithoutReference(this);
      expect(await validatePayloadXml(answer.body)).to.deep.equal([]);
    });

    it('GetCareDocumentation 3 refuses hasMoreReference with the real service text', async () => {
      const answer = await agp.call(careDocumentation3Request('<hasMoreReference>page-2</hasMoreReference>'));
      expect(faultOf(answer)).to.equal('Parametern hasMoreReference skall inte användas i anrop till aggregerande tjänst');
    });

    it('sourceSystemId limits the fan-out to that source, which gets the consumer\'s request at its own LogicalAddress', async () => {
      const a = await journalSource(SOURCE_A, GCD3_NS, DESCRIPTION_DOMAIN, 'voo', careDocumentation3HasMore(SOURCE_A));
      const b = await journalSource(SOURCE_B, GCD3_NS, DESCRIPTION_DOMAIN, 'voo', careDocumentation3HasMore(SOURCE_B));
      const { status } = aggregated(await agp.call(careDocumentation3Request(sourceSystemId(SOURCE_B))));
      expect(status.map((s) => s.logicalAddress)).to.deep.equal([SOURCE_B]);
      expect([a.received.length, b.received.length]).to.deep.equal([0, 1]);
      const sent = reparse(b.received[0]!.body);
      expect(childText(path(sent, 'Header'), 'LogicalAddress')).to.equal(SOURCE_B);
      expect(childText(path(sent, 'Body', 'GetCareDocumentation', 'sourceSystemId'), 'extension', GCD3_CORE)).to.equal(SOURCE_B);
      expect(childText(path(sent, 'Body', 'GetCareDocumentation', 'patientId'), 'extension', GCD3_CORE)).to.equal(PATIENT);
    });

    it('an engagement of another categorization is not called (FindContent asks for the contract\'s one)', async () => {
      await journalSource(SOURCE_A, GCD3_NS, DESCRIPTION_DOMAIN, 'dia', careDocumentation3HasMore(SOURCE_A));
      const { status } = aggregated(await agp.call(careDocumentation3Request()));
      expect(status).to.deep.equal([]);
    });

    for (const contract of AGGREGATED_CONTRACTS) {
      it(`${contractKey(contract)}: one source answering no records merges into a schema-valid answer`, async function () {
        await journalSource(SOURCE_A, contract.namespace, contract.serviceDomain, contract.categorizations[0] ?? '', emptyAnswer(contract));
        const answer = await agp.call(minimalRequest(contract));
        const { payload, status } = aggregated(answer);
        expect(payload.name).to.equal(`${contract.interaction}Response`);
        expect(status).to.deep.equal([{ logicalAddress: SOURCE_A, statusCode: 'DataFromSource' }]);
        skipWithoutReference(this);
        expect(await validatePayloadXml(answer.body)).to.deep.equal([]);
      });
    }

    it('a call without the mandatory headers is a SOAP fault naming the first missing one', async () => {
      const contract = AGGREGATED_CONTRACTS[0]!;
      const answer = await request(agp.platform.servicesBaseUrl + agpPath(contract), {
        method: 'POST',
        headers: { 'content-type': SOAP_CONTENT_TYPE, [PLATFORM_SECRET_HEADER]: agp.platform.ctx.servicesSecret },
        body: rivRequest('5565594230', minimalRequest(contract)),
      });
      const body = await answer.body.text();
      expect(answer.statusCode).to.equal(500);
      expect(body).to.include('<faultstring>Mandatory HTTP header x-vp-sender-id is missing</faultstring>');
    });
  });

  it('an EI that cannot be reached makes the whole answer a SOAP fault (HTTP 500)', async () => {
    agp = await startAgpPlatform({ 'agp.eiLogicalAddress': 'SE2321000016-EI-DOWN' });
    const dead = await startProducer({ kind: 'garbage' });
    await dead.close();
    agp.route('SE2321000016-EI-DOWN', 'urn:riv:itintegration:engagementindex:FindContentResponder:1', dead.url);
    agp.permit('5565594230', 'SE2321000016-EI-DOWN', 'urn:riv:itintegration:engagementindex:FindContentResponder:1');
    const text = faultOf(await agp.call(careDocumentation3Request()));
    expect(text).to.match(/^The engagement index \(FindContent\) could not be read: VP009 /);
  });

  it('sources still pending at the aggregate deadline get NoDataSynchFailed 43000 Unknown error', async () => {
    agp = await startAgpPlatform({ 'agp.contractTimeouts': ['GetSubjectOfCareSchedule:1=5000/300'] });
    const p = await startProducer({ kind: 'hang', delayMs: 3000 });
    producers.push(p);
    const ns = 'urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1';
    agp.route(SOURCE_A, ns, p.url);
    agp.permit(CONSUMER, SOURCE_A, ns);
    await agp.engage([{ logicalAddress: SOURCE_A, serviceDomain: 'riv:crm:scheduling', categorization: '' }]);
    const contract = AGGREGATED_CONTRACTS.find((c) => c.namespace === ns)!;
    const { status } = aggregated(await agp.call(minimalRequest(contract)));
    expect(status).to.deep.equal([{ logicalAddress: SOURCE_A, statusCode: 'NoDataSynchFailed', code: '43000', text: 'Unknown error' }]);
  });
});
