import { expect } from 'chai';
import { startEi, removeDir, type EiUnderTest } from './support.js';
import { skipWithoutReference, validatePayloadXml } from '../support/riv-reference.js';
import { engagement, inserts, updateRequest, processNotificationRequest, findContentRequest, EI_HSA_ID, PATIENT } from './fixtures.js';

describe('EI messages against the official itintegration_engagementindex 1.0 schemas', function () {
  let ei: EiUnderTest;
  before(async function () {
    skipWithoutReference(this);
    ei = await startEi({ 'ei.faultOnValidationError': false });
  });
  after(async () => {
    if (!ei) return;
    await ei.close();
    removeDir(ei.dataDir);
  });

  const valid = async (xml: string): Promise<void> => {
    expect(await validatePayloadXml(xml)).to.deep.equal([]);
  };

  it('our test requests are valid, so the other tests exercise well-formed input', async () => {
    await valid(updateRequest(inserts(2)));
    await valid(processNotificationRequest([{ engagement: engagement({ owner: 'SE2321000016-EI02' }) }]));
    await valid(findContentRequest({ registeredResidentIdentification: PATIENT, serviceDomain: 'riv:crm:scheduling', mostRecentContent: '20240101000000' }));
  });

  it('UpdateResponse (OK and the older ERROR + comment) and ProcessNotificationResponse are valid', async () => {
    await valid((await ei.post('/ei/update', updateRequest([{ engagement: engagement({ creationTime: '20240101000000' }) }]))).body);
    await valid((await ei.post('/ei/update', updateRequest(inserts(1001)))).body);
    await valid((await ei.post('/ei/process-notification', processNotificationRequest([{ engagement: engagement({ owner: EI_HSA_ID }) }]))).body);
  });

  it('FindContentResponse with stored engagements (owner and times included) is valid', async () => {
    await ei.post('/ei/update', updateRequest([{ engagement: engagement() }]));
    await ei.post('/ei/update', updateRequest([{ engagement: engagement({ mostRecentContent: '20250101000000' }) }]));
    const answer = await ei.post('/ei/find-content', findContentRequest({ registeredResidentIdentification: PATIENT, serviceDomain: 'riv:clinicalprocess:healthcond:description' }));
    expect(answer.body).to.contain('updateTime');
    await valid(answer.body);
  });
});
