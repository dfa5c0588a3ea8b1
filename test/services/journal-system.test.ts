import { expect } from 'chai';
import { createJournalSystem, type RunningJournalSystem } from '../../src/services/journal/journal-system.js';
import { JOURNAL_CONTRACTS } from '../../src/services/journal/journal-contracts.js';
import { contractPath } from '../../src/services/reference-system.js';
import { EI_UPDATE_NS } from '../../src/services/ei-reporter.js';
import { postSoap } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { skipWithoutReference, validatePayloadXml } from '../support/riv-reference.js';
import { startStandInHub, EI_UPDATE_OK, type StandInHub } from './stand-in-hub.js';
import { journalRequest } from '../../src/services/citizen/journal-requests.js';

const SYSTEM = { name: 'journal-test', hsaId: 'SE2321000016-J001', description: 'Testjournal', careUnits: [{ hsaId: 'SE2321000016-1001', name: 'Vårdcentralen Test' }, { hsaId: 'SE2321000016-1002', name: 'Medicinkliniken Test' }], demoOffset: 1 };

describe('reference journal system', function () {
  this.timeout(30000);
  let hub: StandInHub;
  let journal: RunningJournalSystem;

  before(async () => {
    hub = await startStandInHub({ [EI_UPDATE_NS]: EI_UPDATE_OK }, [SYSTEM.hsaId]);
    journal = await createJournalSystem(SYSTEM).start(hub.env);
    await journal.announce();
  });
  after(async () => {
    await journal?.close();
    await hub?.close();
  });

  const ask = (namespace: string, personId: string) =>
    postSoap({ url: journal.url + contractPath(namespace), body: rivRequest(SYSTEM.hsaId, journalRequest(namespace, personId)), dispatcher: hub.hubAgent });

  it('reports one engagement per person and categorization to the EI at start, at the platform address', async function () {
    const updates = hub.calls.filter((c) => c.namespace === EI_UPDATE_NS);
    expect(updates).to.have.length(1);
    expect(updates[0]!.logicalAddress).to.equal('5565594230');
    expect(updates[0]!.body).to.include('<core:registeredResidentIdentification>191212121212</core:registeredResidentIdentification>').and.include('<core:categorization>voo</core:categorization>');
  });

  it('sends an Update that is valid against the engagement index schema', async function () {
    skipWithoutReference(this);
    expect(await validatePayloadXml(hub.calls[0]!.body)).to.deep.equal([]);
  });

  for (const c of JOURNAL_CONTRACTS) {
    it(`answers ${c.operation} ${c.namespace.split(':').pop()} with records valid against the official schema`, async function () {
      skipWithoutReference(this);
      const request = rivRequest(SYSTEM.hsaId, journalRequest(c.namespace, '191212121212'));
      expect(await validatePayloadXml(request), 'request').to.deep.equal([]);
      const answer = await ask(c.namespace, '191212121212');
      expect(answer.status, answer.body).to.equal(200);
      expect(await validatePayloadXml(answer.body), 'response').to.deep.equal([]);
      expect(answer.envelope!.payload!.children.filter((e) => e.name === c.recordElement).length, c.operation).to.be.greaterThan(0);
    });
  }

  it('answers an empty list for a person without records', async () => {
    const answer = await ask(JOURNAL_CONTRACTS[0]!.namespace, '190101010101');
    expect(answer.status).to.equal(200);
    expect(answer.envelope!.payload!.children.filter((e) => e.name === 'careDocumentation')).to.have.length(0);
  });

  it('refuses a request without patientId with a Client fault naming the field', async () => {
    const ns = JOURNAL_CONTRACTS[2]!.namespace;
    const answer = await postSoap({ url: journal.url + contractPath(ns), body: rivRequest(SYSTEM.hsaId, `<GetDiagnosis xmlns="${ns}"/>`), dispatcher: hub.hubAgent });
    expect(answer.status).to.equal(500);
    expect(answer.envelope!.fault).to.deep.include({ code: 'soapenv:Client', string: 'GetDiagnosis: patientId is mandatory but missing' });
  });

  it('stores added records and reports their engagement to the EI', async () => {
    const before = hub.calls.length;
    await journal.addRecords([{ id: 'extra-1', kind: 'alert' as const, personId: '195712012995', careUnit: '', time: '20260101120000', author: 'Dr Test', title: 'Överkänslighet', text: 'Nötter', code: { code: 'OKL', codeSystem: '1.2.752.129.2.2.2.3', displayName: 'Överkänslighet' } }].map((r) => ({ ...r, careUnit: SYSTEM.careUnits[0]!.hsaId })));
    expect(hub.calls.length).to.equal(before + 1);
    expect(hub.calls[before]!.body).to.include('<core:registeredResidentIdentification>195712012995</core:registeredResidentIdentification>').and.include('<core:categorization>upp</core:categorization>');
    const answer = await ask(JOURNAL_CONTRACTS[3]!.namespace, '195712012995');
    expect(answer.body).to.include('Nötter');
  });
});
