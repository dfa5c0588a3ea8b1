import { expect } from 'chai';
import { request } from 'undici';
import { contractsComponent } from '../../src/contracts/index.js';
import { EI_NS } from '../../src/ei/index.js';
import { rivRequest, soapEnvelope } from '../../src/shared/soap/envelope.js';
import { resultXml } from '../../src/ei/engagement-xml.js';
import { vpComponent, type VpApi } from '../../src/vp/index.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, startProducer, type TestProducer } from '../support/soap.js';
import { permission, route, snapshot } from './catalogue-fixtures.js';
import { callHubOnNewConnection, newestSeq, trafficAfter } from './hub-calls.js';

const UPDATE_PATH = 'vp/itintegration/engagementindex/Update/1/rivtabp21';
/** An Update without its engagement transactions' required fields: invalid against the EI's own schema. */
const INVALID_UPDATE = rivRequest(HSA.careUnit, `<Update xmlns="${EI_NS.update}"><engagementTransaction/></Update>`);

describe('hub workers: WSDL serving and traffic validation from the contracts component', function () {
  this.timeout(60_000);
  let p: TestPlatform;
  let producer: TestProducer;

  async function putRules(rules: string[]): Promise<void> {
    const res = await request(`${p.adminUrl}/api/contracts/validation`, { method: 'PUT', body: JSON.stringify({ rules }), headers: { 'content-type': 'application/json', authorization: `Bearer ${p.operatorToken}` } });
    expect(res.statusCode).to.equal(200);
    await res.body.dump();
  }

  /** Four calls on new connections (both workers serve some); retried a bounded number of times while the rules travel to the workers. */
  async function statusesOnceSettled(want: number): Promise<number[]> {
    let statuses: number[] = [];
    for (let i = 0; i < 50; i++) {
      statuses = [];
      for (let c = 0; c < 4; c++) statuses.push((await callHubOnNewConnection(p, INVALID_UPDATE, c % 2 ? { mtls: HSA.consumer } : { internal: HSA.consumer })).status);
      if (statuses.every((s) => s === want)) break;
    }
    return statuses;
  }

  before(async () => {
    producer = await startProducer(() => ({ body: soapEnvelope(resultXml(EI_NS.update, 'UpdateResponse', 'OK')) }));
    p = await startTestPlatform({
      components: [vpComponent, contractsComponent],
      settings: { 'platform.workers': '2' },
      catalogue: snapshot([route(HSA.careUnit, producer.url, { namespace: EI_NS.update })], [permission(HSA.careUnit, HSA.consumer, { namespace: EI_NS.update })]),
    });
  });
  after(async () => {
    await p?.close();
    await producer?.close();
  });

  it('serves ?wsdl of the platform\'s own contracts on every new connection, whichever worker takes it', async () => {
    const origin = new URL(p.hubHttpUrl).origin;
    for (let i = 0; i < 4; i++) {
      const res = await request(`${origin}/${UPDATE_PATH}?wsdl`, { reset: true });
      const text = await res.body.text();
      expect(res.statusCode, text.slice(0, 200)).to.equal(200);
      expect(text).to.contain(`<soap:address location="${origin}/${UPDATE_PATH}"/>`);
    }
  });

  it('refuses an invalid request in every worker once the rule is strict, counting the violations in the main process, and lets it through again once the rule is gone', async () => {
    expect(await statusesOnceSettled(200)).to.deep.equal([200, 200, 200, 200]);
    await putRules([`${EI_NS.update}=request/strict`]);
    const traffic = p.ctx.use<VpApi>('vp').traffic;
    const mark = newestSeq(traffic);
    expect(await statusesOnceSettled(500)).to.deep.equal([500, 500, 500, 500]);
    const allRefused = await trafficAfter(traffic, mark, { outcome: 'contract-fault' }, 4);
    const refused = allRefused.slice(0, 4);
    expect(refused.map((e) => e.faultCode)).to.deep.equal(Array(4).fill('NTJP-CONTRACT001'));
    expect(new Set(refused.map((e) => e.worker)).size).to.equal(2);
    // Violations and traffic entries reach the main process in messages of their own: compare once both have arrived.
    type Violations = { counts: Record<string, number>; recent: Array<{ contract: string; mode: string }> };
    const read = async (): Promise<{ violations: Violations; entries: number }> => ({
      violations: (await (await request(`${p.adminUrl}/api/contracts/violations`)).body.json()) as Violations,
      entries: traffic.list({ limit: 1000, outcome: 'contract-fault' }).filter((e) => e.seq > mark).length,
    });
    let seen = await read();
    for (let i = 0; i < 40 && seen.violations.counts[`request ${EI_NS.update}`] !== seen.entries; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen = await read();
    }
    const { violations } = seen;
    expect(violations.counts[`request ${EI_NS.update}`]).to.equal(seen.entries);
    expect(seen.entries).to.be.at.least(allRefused.length);
    expect(violations.recent.at(-1)).to.include({ contract: EI_NS.update, mode: 'strict' });
    await putRules([]);
    expect(await statusesOnceSettled(200)).to.deep.equal([200, 200, 200, 200]);
  });
});
