import { expect } from 'chai';
import { startEi, removeDir, type EiUnderTest } from './support.js';
import { engagement, inserts, updateRequest, processNotificationRequest, findContentRequest, resultCode, foundEngagements, EI_HSA_ID, PATIENT, type Tx } from './fixtures.js';

const DOMAIN = 'riv:clinicalprocess:healthcond:description';

describe('EI validation (EI000–EI006)', () => {
  let ei: EiUnderTest;
  before(async () => {
    ei = await startEi();
  });
  after(async () => {
    await ei.close();
    removeDir(ei.dataDir);
  });

  async function expectFault(envelope: string, text: string, path = '/ei/update'): Promise<void> {
    const answer = await ei.post(path, envelope);
    expect(answer.status).to.equal(500);
    expect(answer.envelope?.fault?.code).to.equal('soapenv:Client');
    expect(answer.envelope?.fault?.string).to.equal(text);
  }

  async function expectNothingStored(): Promise<void> {
    expect(foundEngagements(await ei.post('/ei/find-content', findContentRequest({ registeredResidentIdentification: PATIENT, serviceDomain: DOMAIN })))).to.deep.equal([]);
  }

  it('EI003: an Update without a LogicalAddress header is refused as "missing"', async () => {
    await expectFault(updateRequest(inserts(1), null), 'EI003: Invalid routing. Logical address is missing but the owner is 5565594230. They must be the same. See rule for Update-R7 in service contract');
  });

  it('EI003: an Update addressed to another logical address is refused, before any other check', async () => {
    await expectFault(updateRequest([], 'SE123'), 'EI003: Invalid routing. Logical address is SE123 but the owner is 5565594230. They must be the same. See rule for Update-R7 in service contract');
  });

  it('EI000: a request of 1001 transactions is refused whole', async () => {
    await expectFault(updateRequest(inserts(1001)), 'EI000: A technical error has occurred, error message: The request contains more than 1000 engagements. Maximum number of engagements per request is 1000.');
    await expectNothingStored();
  });

  it('EI000: a request without transactions is refused in the real EI\'s words, its spelling included', async () => {
    await expectFault(updateRequest([]), 'EI000: A technical error has occurred, error message: The request contains less than 1 engagements. Minium number of engagements per request is 1.');
  });

  it('EI002: two transactions with the same key are refused with their 1-based numbers', async () => {
    const txs = [...inserts(3), { engagement: engagement({ businessObjectInstanceIdentifier: 'doc-1', mostRecentContent: '20250101000000' }) }];
    await expectFault(updateRequest(txs), 'EI002: EngagementTransaction #2 and #4 have the same key. That is not allowed. See rule for Update-R1 in service contract');
    await expectNothingStored();
  });

  it('EI002: two Update transactions differing only in the given owner collide, because Update stamps its own owner', async () => {
    await expectFault(updateRequest([{ engagement: engagement({ owner: 'A' }) }, { engagement: engagement({ owner: 'B' }) }]),
      'EI002: EngagementTransaction #1 and #2 have the same key. That is not allowed. See rule for Update-R1 in service contract');
  });

  it('EI004: a value with white space at either end is refused', async () => {
    await expectFault(updateRequest([{ engagement: engagement({ sourceSystem: ' SE2321000016-JOUR' }) }]),
      'EI004: The payload does not validate, error messge: mandatory field "sourceSystem" contains white space in beginning or end');
  });

  it('EI005: a reserved logicalAddress is refused with the transaction number', async () => {
    await expectFault(updateRequest([...inserts(1), { engagement: engagement({ logicalAddress: EI_HSA_ID }) }]),
      'EI005: The logicalAddress in EngagementTransaction #2 is reserved and not allowed, hsa-id: 5565594230');
  });

  it('EI006: a reserved sourceSystem is refused', async () => {
    await expectFault(updateRequest([{ engagement: engagement({ sourceSystem: EI_HSA_ID }) }]),
      'EI006: The sourceSystem in EngagementTransaction #1 is reserved and not allowed, hsa-id: 5565594230');
  });

  it('EI004: a missing mandatory field is refused', async () => {
    await expectFault(updateRequest([{ engagement: engagement({ dataController: undefined }) }]),
      'EI004: The payload does not validate, error messge: mandatory field "dataController" is missing');
  });

  it('EI004: owner is mandatory on ProcessNotification only', async () => {
    await expectFault(processNotificationRequest([{ engagement: engagement() }]),
      'EI004: The payload does not validate, error messge: mandatory field "owner" is missing', '/ei/process-notification');
    expect(resultCode(await ei.post('/ei/update', updateRequest([{ engagement: engagement({ businessObjectInstanceIdentifier: 'owner-less' }) }])))).to.equal('OK');
    await ei.post('/ei/update', updateRequest([{ deleteFlag: true, engagement: engagement({ businessObjectInstanceIdentifier: 'owner-less' }) }]));
  });

  it('EI004: a field over its maximum length is refused', async () => {
    await expectFault(updateRequest([{ engagement: engagement({ logicalAddress: 'x'.repeat(65) }) }]),
      'EI004: The payload does not validate, error messge: Field "logicalAddress" is to long');
  });

  it('EI004: a date that does not exist is refused (strict parsing)', async () => {
    await expectFault(updateRequest([{ engagement: engagement({ mostRecentContent: '20230230120000' }) }]),
      'EI004: The payload does not validate, error messge: Field "mostRecentContent": Input date is not according to expected format "YYYYMMDDhhmmss": 20230230120000');
    await expectFault(updateRequest([{ engagement: engagement({ creationTime: '2023010112000' }) }]),
      'EI004: The payload does not validate, error messge: Field "creationTime": Input date is not according to expected format "YYYYMMDDhhmmss": 2023010112000');
  });

  it('checks in the real order: duplicate key before dates, reserved before mandatory, length before dates', async () => {
    const dup: Tx = { engagement: engagement({ mostRecentContent: 'bad' }) };
    await expectFault(updateRequest([{ engagement: engagement() }, dup]), 'EI002: EngagementTransaction #1 and #2 have the same key. That is not allowed. See rule for Update-R1 in service contract');
    await expectFault(updateRequest([{ engagement: engagement({ logicalAddress: EI_HSA_ID, dataController: undefined }) }]),
      'EI005: The logicalAddress in EngagementTransaction #1 is reserved and not allowed, hsa-id: 5565594230');
    await expectFault(updateRequest([{ engagement: engagement({ logicalAddress: 'y'.repeat(65), mostRecentContent: 'bad' }) }]),
      'EI004: The payload does not validate, error messge: Field "logicalAddress" is to long');
  });

  it('the first failing transaction rejects the whole request: nothing of it is stored', async () => {
    await expectFault(updateRequest([...inserts(5), { engagement: engagement({ mostRecentContent: 'yesterday' }) }]),
      'EI004: The payload does not validate, error messge: Field "mostRecentContent": Input date is not according to expected format "YYYYMMDDhhmmss": yesterday');
    await expectNothingStored();
  });

  it('EI000: FindContent without registeredResidentIdentification or serviceDomain is refused', async () => {
    await expectFault(findContentRequest({ serviceDomain: DOMAIN }), 'EI000: A technical error has occurred, error message: registeredResidentIdentification is mandatory but missing', '/ei/find-content');
    await expectFault(findContentRequest({ registeredResidentIdentification: PATIENT }), 'EI000: A technical error has occurred, error message: serviceDomain is mandatory but missing', '/ei/find-content');
  });

  it('EI001: a payload that is not an Update at all is refused', async () => {
    await expectFault(findContentRequest({ registeredResidentIdentification: PATIENT, serviceDomain: DOMAIN }),
      'EI001: The payload does not follow the XML Schema, error messge: expected {urn:riv:itintegration:engagementindex:UpdateResponder:1}Update, got {urn:riv:itintegration:engagementindex:FindContentResponder:1}FindContent');
  });

  it('malformed XML gets a Client fault and no crash', async () => {
    const answer = await ei.post('/ei/update', '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><Update>');
    expect(answer.status).to.equal(500);
    expect(answer.envelope?.fault?.string).to.match(/^Malformed SOAP request/);
    expect(resultCode(await ei.post('/ei/update', updateRequest([{ engagement: engagement({ businessObjectInstanceIdentifier: 'after-garbage' }) }])))).to.equal('OK');
  });

  it('a request without x-skltp-correlation-id is refused with the real EI\'s text and its closing newline', async () => {
    const answer = await ei.post('/ei/update', updateRequest(inserts(1)), {});
    expect(answer.envelope?.fault?.string).to.equal('Mandatory HTTP header x-skltp-correlation-id is missing\n');
  });
});

describe('EI validation answered the older way (ei.faultOnValidationError=false)', () => {
  let ei: EiUnderTest;
  before(async () => {
    ei = await startEi({ 'ei.faultOnValidationError': false });
  });
  after(async () => {
    await ei.close();
    removeDir(ei.dataDir);
  });

  it('answers HTTP 200 with ResultCode ERROR and the message as comment', async () => {
    const answer = await ei.post('/ei/update', updateRequest(inserts(1001)));
    expect(answer.status).to.equal(200);
    expect(resultCode(answer)).to.equal('ERROR');
    expect(answer.envelope?.payload?.children.find((c) => c.name === 'comment')?.text).to.equal(
      'EI000: A technical error has occurred, error message: The request contains more than 1000 engagements. Maximum number of engagements per request is 1000.');
  });
});
