import { expect } from 'chai';
import { startEi, removeDir, type EiUnderTest } from './support.js';
import { engagement, inserts, updateRequest, processNotificationRequest, findContentRequest, resultCode, foundEngagements, EI_HSA_ID, PATIENT } from './fixtures.js';

const DOMAIN = 'riv:clinicalprocess:healthcond:description';
const OTHER_EI = 'SE2321000016-EI02';

describe('EI storage: Update, ProcessNotification, FindContent', () => {
  let ei: EiUnderTest;
  beforeEach(async () => {
    ei = await startEi();
  });
  afterEach(async () => {
    await ei.close();
    removeDir(ei.dataDir);
  });

  const find = async (query: Record<string, string> = {}) =>
    foundEngagements(await ei.post('/ei/find-content', findContentRequest({ registeredResidentIdentification: PATIENT, serviceDomain: DOMAIN, ...query })));
  const update = async (...args: Parameters<typeof updateRequest>) => resultCode(await ei.post('/ei/update', updateRequest(...args)));

  it('an inserted engagement is found right after OK, owned by the EI, with a creation time and no update time', async () => {
    expect(await update([{ engagement: engagement({ owner: 'SOMEONE-ELSE', creationTime: '20000101000000', updateTime: '20000101000000' }) }])).to.equal('OK');
    const [found, ...rest] = await find();
    expect(rest).to.have.length(0);
    expect(found).to.include({ owner: EI_HSA_ID, mostRecentContent: '20240101120000', sourceSystem: 'SE2321000016-JOUR', categorization: 'voo' });
    expect(found!.creationTime).to.match(/^\d{14}$/).and.not.equal('20000101000000');
    expect(found).not.to.have.property('updateTime');
  });

  it('an engagement with the same key updates only mostRecentContent and gets an update time (R4, R5)', async () => {
    await update([{ engagement: engagement() }]);
    const [before] = await find();
    expect(await update([{ engagement: engagement({ mostRecentContent: '20250601080000' }) }])).to.equal('OK');
    const all = await find();
    expect(all).to.have.length(1);
    expect(all[0]).to.include({ mostRecentContent: '20250601080000', creationTime: before!.creationTime });
    expect(all[0]!.updateTime).to.match(/^\d{14}$/);
  });

  it('an older mostRecentContent overwrites too, like the current EI (only the key decides)', async () => {
    await update([{ engagement: engagement({ mostRecentContent: '20250601080000' }) }]);
    await update([{ engagement: engagement({ mostRecentContent: '20200101000000' }) }]);
    expect((await find())[0]).to.include({ mostRecentContent: '20200101000000' });
  });

  it('deleteFlag=true removes the engagement (R2); deleting an unknown one is OK', async () => {
    await update(inserts(3));
    expect(await update([{ deleteFlag: true, engagement: engagement({ businessObjectInstanceIdentifier: 'doc-1' }) }])).to.equal('OK');
    expect((await find()).map((e) => e.businessObjectInstanceIdentifier).sort()).to.deep.equal(['doc-0', 'doc-2']);
    expect(await update([{ deleteFlag: true, engagement: engagement({ businessObjectInstanceIdentifier: 'never-there' }) }])).to.equal('OK');
  });

  it('an empty categorization, businessObjectInstanceIdentifier or clinicalProcessInterestId is stored as NA', async () => {
    await update([{ engagement: engagement({ categorization: '', businessObjectInstanceIdentifier: '', clinicalProcessInterestId: '' }) }]);
    expect((await find())[0]).to.include({ categorization: 'NA', businessObjectInstanceIdentifier: 'NA', clinicalProcessInterestId: 'NA' });
  });

  it('1000 transactions in one request are stored together', async () => {
    expect(await update(inserts(1000))).to.equal('OK');
    expect(await find()).to.have.length(1000);
  });

  it('FindContent matches every given field (AND) and mostRecentContent as "at or after"', async () => {
    await update([
      { engagement: engagement({ businessObjectInstanceIdentifier: 'a', mostRecentContent: '20240101000000' }) },
      { engagement: engagement({ businessObjectInstanceIdentifier: 'b', mostRecentContent: '20240601000000' }) },
      { engagement: engagement({ businessObjectInstanceIdentifier: 'c', mostRecentContent: '20240601000000', categorization: 'dia' }) },
      { engagement: engagement({ businessObjectInstanceIdentifier: 'd', serviceDomain: 'riv:crm:scheduling', categorization: 'NA' }) },
      { engagement: engagement({ businessObjectInstanceIdentifier: 'e', registeredResidentIdentification: '191010101010' }) },
    ]);
    const ids = async (q: Record<string, string>) => (await find(q)).map((e) => e.businessObjectInstanceIdentifier).sort();
    expect(await ids({})).to.deep.equal(['a', 'b', 'c']);
    expect(await ids({ categorization: 'voo' })).to.deep.equal(['a', 'b']);
    expect(await ids({ mostRecentContent: '20240601000000' })).to.deep.equal(['b', 'c']);
    expect(await ids({ mostRecentContent: '20240301000000', categorization: 'dia' })).to.deep.equal(['c']);
    expect(await ids({ sourceSystem: 'SE2321000016-OTHER' })).to.deep.equal([]);
    expect(await ids({ owner: EI_HSA_ID, logicalAddress: 'SE2321000016-1234', dataController: 'SE2321000016', clinicalProcessInterestId: 'NA', businessObjectInstanceIdentifier: 'b' })).to.deep.equal(['b']);
  });

  it("ProcessNotification stores the sender's owner", async () => {
    expect(resultCode(await ei.post('/ei/process-notification', processNotificationRequest([{ engagement: engagement({ owner: OTHER_EI }) }])))).to.equal('OK');
    expect((await find()).map((e) => e.owner).sort()).to.deep.equal([OTHER_EI]);
  });

  it('ProcessNotification R5: the EI drops its own copy when the same engagement arrives with another owner', async () => {
    await update([{ engagement: engagement({ businessObjectInstanceIdentifier: 'x' }) }, { engagement: engagement({ businessObjectInstanceIdentifier: 'y' }) }]);
    await ei.post('/ei/process-notification', processNotificationRequest([{ engagement: engagement({ businessObjectInstanceIdentifier: 'x', owner: OTHER_EI }) }]));
    expect((await find()).map((e) => `${e.businessObjectInstanceIdentifier}/${e.owner}`).sort()).to.deep.equal([`x/${OTHER_EI}`, `y/${EI_HSA_ID}`]);
  });

  it('ProcessNotification R4: transactions owned by this EI are dropped and the answer is still OK', async () => {
    const answer = await ei.post('/ei/process-notification', processNotificationRequest([{ engagement: engagement({ owner: EI_HSA_ID }) }]));
    expect(resultCode(answer)).to.equal('OK');
    expect(await find()).to.deep.equal([]);
  });

  it('counts engagements per service domain and source system', async () => {
    await update([...inserts(3), ...inserts(2, { serviceDomain: 'riv:crm:scheduling', sourceSystem: 'SE2321000016-BOOK' })]);
    await update([{ deleteFlag: true, engagement: engagement({ businessObjectInstanceIdentifier: 'doc-0' }) }]);
    const stats = await ei.api.stats();
    expect(stats.engagements).to.equal(4);
    expect(stats.counts).to.deep.equal([
      { serviceDomain: DOMAIN, sourceSystem: 'SE2321000016-JOUR', engagements: 2 },
      { serviceDomain: 'riv:crm:scheduling', sourceSystem: 'SE2321000016-BOOK', engagements: 2 },
    ]);
  });
});
