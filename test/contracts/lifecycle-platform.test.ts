import { expect } from 'chai';
import { request } from 'undici';
import { contractsComponent, type LifecycleService } from '../../src/contracts/index.js';
import { vpComponent } from '../../src/vp/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { operatorCall } from '../support/admin-api.js';
import { rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { callHub } from '../vp/hub-calls.js';
import { GCD2, GCD3, SYSTEM, lifecycleOrder } from './lifecycle-fixtures.js';

describe('contract lifecycle on a running platform: hub traffic, /api/lifecycle, OpenAPI and the deadline metric', function () {
  this.timeout(30_000);
  let p: TestPlatform;
  let producer: TestProducer;

  before(async () => {
    producer = await startProducer((call) => ({ body: rivAnswer(call.path.endsWith(SYSTEM.bothProducer) ? GCD2 : GCD3) }));
    p = await startTestPlatform({ components: [vpComponent, contractsComponent], catalogue: lifecycleOrder(producer.url) });
  });

  after(async () => {
    await p?.close();
    await producer?.close();
  });

  const api = (method: 'GET' | 'PUT', path: string, body?: unknown): ReturnType<typeof operatorCall> => operatorCall(p, method, path, body);

  it("counts the calls a consumer makes through the hub, per day, and shows them as the contracts it called", async () => {
    const unit = 'SE2321000016-U001';
    // The caller has no permission for GetCareDocumentation: a refused call (VP007) still shows which major it uses.
    for (let i = 0; i < 2; i++) await callHub(p, rivCall(unit, { namespace: GCD2, inner: '<x/>' }), { mtls: SYSTEM.caller });
    const res = await api('GET', `/api/lifecycle?system=${SYSTEM.caller}`);
    expect(res.status).to.equal(200);
    const gcd = res.json.systems[0].rows.find((r: { interaction: string }) => r.interaction === 'GetCareDocumentation');
    expect(gcd.called).to.deep.equal([{ major: 2, calls: 2, lastDay: res.json.today }]);
    expect(gcd).to.include({ status: 'undated', oldMajorOnly: true, migrating: false });
    const stored = p.ctx.db.prepare('SELECT sender, contract, calls FROM lifecycle_usage').all();
    expect(stored).to.deep.equal([{ sender: SYSTEM.caller, contract: GCD2, calls: 2 }]);
  });

  it('takes a corrected publication date from the operator and reports and measures with it', async () => {
    const corrected = await api('PUT', '/api/lifecycle/contracts/published', { namespace: GCD3, published: '2020-01-31' });
    expect(corrected.status).to.equal(200);
    expect(corrected.json).to.include({ namespace: GCD3, published: '2020-01-31', source: 'operator', major: 3 });
    expect(corrected.json.basis).to.match(/^corrected by test-operator at /);
    const report = await api('GET', '/api/lifecycle');
    const both = report.json.systems.find((s: { system: string }) => s.system === SYSTEM.bothProducer);
    expect(both.rows[0]).to.include({ interaction: 'GetCareDocumentation', deadline: '2021-07-31', status: 'overdue', statusText: 'overdue since 2021-07-31', migrating: true });
    expect(report.json.rule).to.deep.equal({ deadlineMonths: 18, warningMonths: 6, calledWithinDays: 30 });
    const metrics = await (await request(`${p.adminUrl}/metrics`)).body.text();
    const days = ((await p.ctx.use<LifecycleService>('lifecycle').system(SYSTEM.bothProducer)).daysToNearestDeadline ?? 0).toString();
    expect(metrics).to.include(`# TYPE ntjp_contract_deadline_days gauge\n`);
    expect(metrics).to.include(`ntjp_contract_deadline_days{system="${SYSTEM.bothProducer}"} ${days}\n`);
    expect(metrics).not.to.include(`ntjp_contract_deadline_days{system="${SYSTEM.newProducer}"}`);
  });

  it('refuses a date that is not one, an unknown system, and a correction without the operator token', async () => {
    expect(await api('PUT', '/api/lifecycle/contracts/published', { namespace: GCD3, published: '31/01/2020' })).to.deep.equal({ status: 400, json: { code: 'NTJP_ERR_LIFECYCLE_DATE', message: 'publication date "31/01/2020" is not a date YYYY-MM-DD' } });
    expect(await api('GET', '/api/lifecycle?system=SE2321000016-NONE')).to.deep.equal({ status: 404, json: { code: 'NTJP_ERR_LIFECYCLE_SYSTEM', message: 'SE2321000016-NONE is neither producer nor consumer in the published catalogue' } });
    const anonymous = await request(`${p.adminUrl}/api/lifecycle/contracts/published`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ namespace: GCD3, published: '2020-01-01' }) });
    await anonymous.body.dump();
    expect(anonymous.statusCode).to.equal(401);
  });

  it('declares /api/lifecycle in the OpenAPI document with its parameter and a typed report', async () => {
    const doc = (await (await request(`${p.adminUrl}/api/openapi.json`)).body.json()) as { paths: Record<string, any> };
    const get = doc.paths['/api/lifecycle'].get;
    expect(get.parameters).to.deep.equal([{ name: 'system', in: 'query', required: false, schema: { type: 'string' }, description: 'one system (HSA-id)' }]);
    const row = get.responses[200].content['application/json'].schema.properties.systems.items.properties.rows.items;
    expect(row.properties.status.enum).to.deep.equal(['overdue', 'migrate-by', 'undated', 'current']);
    expect(row.properties.newest.required).to.include('published');
    expect(doc.paths['/api/lifecycle/contracts/published'].put.security).to.deep.equal([{ operator: [] }]);
  });
});
