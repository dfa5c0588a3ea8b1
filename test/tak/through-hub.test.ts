import { expect } from 'chai';
import { postSoap } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { serializeXml } from '../../src/shared/xml/serialize.js';
import { takComponent } from '../../src/tak/index.js';
import { REGISTRY_NS } from '../../src/tak/registry-namespaces.js';
import { localToday } from '../../src/shared/local-time.js';
import { vpComponent } from '../../src/vp/index.js';
import { startTestPlatform, TEST_OPERATOR_TOKEN, type TestPlatform } from '../support/platform.js';
import { CONTRACT, HSA, rivAnswer, rivCall, startProducer, type TestProducer } from '../support/soap.js';
import { skipWithoutReference, validatePayloadXml } from '../support/riv-reference.js';
import { adminApi, type AdminApi } from './platform-fixture.js';

const PLATFORM = '5565594230';
const today = localToday();

/** An order routing GetSubjectOfCareSchedule at the care unit to `url`, with the consumer allowed. */
function scheduleOrder(url: string, extra: { permissions?: Array<{ logiskAdress: string; tjanstekontrakt: string }> } = {}): Record<string, unknown> {
  return {
    genomforandeTidpunkt: today,
    inkludera: {
      tjanstekontrakt: [{ namnrymd: CONTRACT.getSchedule }],
      logiskadresser: [{ hsaId: HSA.careUnit }],
      tjanstekomponenter: [{ hsaId: HSA.producerComponent }, { hsaId: HSA.consumer }],
      anropsbehorigheter: [{ logiskAdress: HSA.careUnit, tjanstekontrakt: CONTRACT.getSchedule, tjanstekonsument: HSA.consumer }, ...(extra.permissions ?? []).map((p) => ({ ...p, tjanstekonsument: HSA.consumer }))],
      vagval: [{ adress: url, logiskAdress: HSA.careUnit, tjanstekontrakt: CONTRACT.getSchedule, rivtaprofil: 'RIVTABP21', tjanstekomponent: HSA.producerComponent }],
    },
    exkludera: {},
  };
}

describe('TAK through the hub', () => {
  let p: TestPlatform;
  let api: AdminApi;
  let a: TestProducer;
  let b: TestProducer;
  before(async () => {
    a = await startProducer(() => ({ body: rivAnswer(CONTRACT.getSchedule, '<who>A</who>') }));
    b = await startProducer(() => ({ body: rivAnswer(CONTRACT.getSchedule, '<who>B</who>') }));
    p = await startTestPlatform({ components: [takComponent, vpComponent], settings: { 'tak.seedDemo': false, 'tak.pollIntervalMs': 50 } });
    api = adminApi(p.adminUrl, TEST_OPERATOR_TOKEN);
    const permissions = Object.values(REGISTRY_NS).filter((ns) => ns !== REGISTRY_NS.registryCore).map((ns) => ({ logiskAdress: PLATFORM, tjanstekontrakt: ns }));
    expect((await api('POST', '/api/tak/orders', scheduleOrder(a.url, { permissions }))).status).to.equal(201);
    expect((await api('POST', '/api/tak/publish', {})).status).to.equal(201);
  });
  after(async () => {
    await p.close();
    await a.close();
    await b.close();
  });

  it('switches routing on publish with no failed or misrouted call while calls run', async () => {
    const agent = p.mtlsAgent(HSA.consumer);
    const seen: string[][] = [[], [], [], []];
    let stop = false;
    const failures: string[] = [];
    const worker = async (w: number): Promise<void> => {
      // Bounded: at most 3000 calls per worker, however long the switch takes.
      for (let i = 0; i < 3000 && !stop; i++) {
        const r = await postSoap({ url: p.hubHttpsUrl, body: rivCall(HSA.careUnit), dispatcher: agent });
        const who = /<who>([AB])<\/who>/.exec(r.body)?.[1];
        if (r.status !== 200 || !who) failures.push(`${r.status} ${r.body.slice(0, 300)}`);
        else seen[w]!.push(who);
      }
    };
    const load = Promise.all(seen.map((_s, w) => worker(w)));
    while (seen.every((s) => s.length < 20) && failures.length === 0) await new Promise((r) => setTimeout(r, 10));
    expect((await api('POST', '/api/tak/orders', scheduleOrder(b.url))).json.counts).to.deep.include({ 'delete route': 1, 'create route': 1 });
    expect((await api('POST', '/api/tak/publish', { comment: 'move to B' })).status).to.equal(201);
    const afterSwitch = seen.map((s) => s.length);
    while (seen.some((s, w) => s.length < afterSwitch[w]! + 20) && failures.length === 0 && seen.every((s) => s.length < 3000)) await new Promise((r) => setTimeout(r, 10));
    stop = true;
    await load;
    expect(failures).to.deep.equal([]);
    for (const s of seen) {
      // Once a worker reached B it never went back to A, and it ended on B.
      expect(s.join('')).to.match(/^A+B+$/);
    }
  });

  it('routes through an imported HSA tree to the parent unit’s producer (HSA climb)', async () => {
    const child = 'SE2321000016-CHLD';
    expect((await api('POST', '/api/tak/hsa-units/import', [{ hsaId: child, parent: HSA.careUnit }, { hsaId: HSA.careUnit }])).json).to.deep.equal({ imported: 2 });
    const version = (await api('POST', '/api/tak/publish', {})).json.id;
    expect(p.ctx.catalogue.current()!.version).to.equal(version);
    const r = await postSoap({ url: p.hubHttpsUrl, body: rivCall(child), dispatcher: p.mtlsAgent(HSA.consumer) });
    expect(r.status, r.body).to.equal(200);
    expect(r.body).to.match(/<who>[AB]<\/who>/);
  });

  const registryCalls: Array<[string, string]> = [
    ['GetSupportedServiceContracts v2', `<GetSupportedServiceContracts xmlns="${REGISTRY_NS.supportedContracts}"><serviceConsumerHsaId>${HSA.consumer}</serviceConsumerHsaId><logicalAdress>${HSA.careUnit}</logicalAdress></GetSupportedServiceContracts>`],
    ['GetLogicalAddresseesByServiceContract v2', `<GetLogicalAddresseesByServiceContract xmlns="${REGISTRY_NS.logicalAddressees}" xmlns:core="${REGISTRY_NS.registryCore}"><serviceConsumerHsaId>${HSA.consumer}</serviceConsumerHsaId><serviceContractNameSpace><core:ServiceContractNamespace>${CONTRACT.getSchedule}</core:ServiceContractNamespace></serviceContractNameSpace></GetLogicalAddresseesByServiceContract>`],
    ['PingForConfiguration v1', `<PingForConfiguration xmlns="${REGISTRY_NS.ping}"><serviceContractNamespace>${REGISTRY_NS.ping}</serviceContractNamespace><logicalAddress>${PLATFORM}</logicalAddress></PingForConfiguration>`],
  ];
  for (const [name, payload] of registryCalls) {
    it(`answers ${name} through the hub over mTLS at the platform address, valid against the XSD`, async function () {
      const r = await postSoap({ url: p.hubHttpsUrl, body: rivRequest(PLATFORM, payload), dispatcher: p.mtlsAgent(HSA.consumer) });
      expect(r.status, r.body).to.equal(200);
      const answer = serializeXml(r.envelope!.payload!);
      expect(answer).to.match(/Response/);
      if (name.startsWith('GetSupported')) expect(answer).to.contain(`<core:ServiceContractNamespace>${CONTRACT.getSchedule}</core:ServiceContractNamespace>`);
      if (name.startsWith('GetLogical')) expect(answer).to.contain(`<logicalAddress>${HSA.careUnit}</logicalAddress>`);
      skipWithoutReference(this);
      expect(await validatePayloadXml(answer)).to.deep.equal([]);
    });
  }

  it('answers SokVagvalsInfo v2 through the hub with every published route', async () => {
    const r = await postSoap({ url: p.hubHttpsUrl, body: rivRequest(PLATFORM, `<hamtaAllaVirtualiseringar xmlns="${REGISTRY_NS.vagvalsInfo}"/>`), dispatcher: p.mtlsAgent(HSA.consumer) });
    expect(r.status, r.body).to.equal(200);
    expect(r.body).to.contain(`<receiverId>${HSA.careUnit}</receiverId>`);
  });
});
