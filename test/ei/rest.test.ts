import { expect } from 'chai';
import { startEi, removeDir, type EiUnderTest } from './support.js';
import { engagement, updateRequest, PATIENT } from './fixtures.js';

describe('EI REST API (/api/ei)', () => {
  let ei: EiUnderTest;
  before(async () => {
    ei = await startEi();
    await ei.post('/ei/update', updateRequest([{ engagement: engagement() }, { engagement: engagement({ categorization: 'dia' }) }]));
  });
  after(async () => {
    await ei.close();
    removeDir(ei.dataDir);
  });
  const get = (path: string) => fetch(ei.platform.adminUrl.replace('localhost', '127.0.0.1') + path);

  it('finds engagements by the FindContent fields given as query parameters', async () => {
    const res = await get(`/api/ei/engagements?registeredResidentIdentification=${PATIENT}&serviceDomain=riv:clinicalprocess:healthcond:description&categorization=dia`);
    expect(res.status).to.equal(200);
    expect(((await res.json()) as Array<{ categorization: string }>).map((e) => e.categorization)).to.deep.equal(['dia']);
  });

  it('refuses a lookup without person and service domain with a coded 400', async () => {
    const res = await get(`/api/ei/engagements?registeredResidentIdentification=${PATIENT}`);
    expect(res.status).to.equal(400);
    expect(await res.json()).to.deep.equal({ code: 'EI_ERR_QUERY', message: 'serviceDomain is required' });
  });

  it('reports counts per service domain and source system, subscribers, queues and the write lock', async () => {
    expect(await (await get('/api/ei/stats')).json()).to.deep.equal({
      engagements: 2,
      counts: [{ serviceDomain: 'riv:clinicalprocess:healthcond:description', sourceSystem: 'SE2321000016-JOUR', engagements: 2 }],
      subscribers: [],
      outbox: [],
      writeLock: false,
      heldRequests: 0,
    });
  });

  it('refuses write-lock changes without the operator token and with a wrong body', async () => {
    const put = (body: string, token?: string) => fetch(ei.platform.adminUrl.replace('localhost', '127.0.0.1') + '/api/ei/write-lock', {
      method: 'PUT', body, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    });
    expect((await put('{"writeLock":true}')).status).to.equal(401);
    const wrong = await put('{"writeLock":"yes"}', ei.platform.ctx.operatorToken);
    expect(wrong.status).to.equal(400);
    expect(((await wrong.json()) as { code: string }).code).to.equal('EI_ERR_BODY');
    expect((await ei.api.writeLockStatus()).writeLock).to.equal(false);
  });
});
