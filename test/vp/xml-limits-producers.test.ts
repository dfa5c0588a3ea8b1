import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { callThroughHub, postSoap, type SoapAnswer } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import { silentLogger } from '../../src/shared/log.js';
import { takComponent } from '../../src/tak/index.js';
import { REGISTRY_NS } from '../../src/tak/registry-namespaces.js';
import { localToday } from '../../src/shared/local-time.js';
import { vpComponent } from '../../src/vp/index.js';
import { createBookingSystem, type RunningBookingSystem } from '../../src/services/booking/booking-system.js';
import { SCHEDULING_NS } from '../../src/services/booking/booking-xml.js';
import { contractPath } from '../../src/services/reference-system.js';
import { availableTimeslotsRequest } from '../../src/services/citizen/booking-requests.js';
import { startTestPlatform, TEST_OPERATOR_TOKEN, type TestPlatform } from '../support/platform.js';
import { HSA } from '../support/soap.js';
import { ATTACK_DEPTH, PROMPT_MS, nested, timed, withContent } from '../support/xml-shapes.js';

const PLATFORM = '5565594230';
const UNIT = 'SE2321000016-1001';
const SUPPORTED = `<GetSupportedServiceContracts xmlns="${REGISTRY_NS.supportedContracts}"><serviceConsumerHsaId>${HSA.consumer}</serviceConsumerHsaId><logicalAdress>${PLATFORM}</logicalAdress></GetSupportedServiceContracts>`;

/** Expects the SOAP server's Client fault for malformed XML, naming the nesting limit. */
function expectNestingFault(answer: SoapAnswer): void {
  expect(answer.status).to.equal(500);
  expect(answer.envelope?.fault?.code).to.equal('soapenv:Client');
  expect(answer.envelope?.fault?.string).to.equal('Malformed SOAP request: XML nesting deeper than 256');
}

describe('XML limits of the producers behind the hub (a TAK registry service, a reference system) and of the HSA import', function () {
  this.timeout(30000);
  let p: TestPlatform;
  let booking: RunningBookingSystem;
  const dataDir = mkdtempSync(join(tmpdir(), 'ntjp-xml-limits-'));

  before(async () => {
    p = await startTestPlatform({ components: [takComponent, vpComponent], settings: { 'tak.seedDemo': false, 'tak.pollIntervalMs': 50 } });
    const order = {
      genomforandeTidpunkt: localToday(),
      inkludera: { anropsbehorigheter: [{ logiskAdress: PLATFORM, tjanstekontrakt: REGISTRY_NS.supportedContracts, tjanstekonsument: HSA.consumer }], tjanstekomponenter: [{ hsaId: HSA.consumer }] },
      exkludera: {},
    };
    for (const [path, body] of [['/api/tak/orders', order], ['/api/tak/publish', {}]] as const) {
      const res = await fetch(p.adminUrl + path, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${TEST_OPERATOR_TOKEN}` }, body: JSON.stringify(body) });
      expect(res.status, await res.text()).to.equal(201);
    }
    const system = { name: 'booking-limits', hsaId: 'SE2321000016-B001', description: 'Testbokning', careUnits: [{ hsaId: UNIT, name: 'Vårdcentralen Test' }] };
    const env = { host: '127.0.0.1', port: 0, publicHost: '127.0.0.1', certsDir: p.certsDir, dataDir, hubHttpsUrl: p.hubHttpsUrl, platformHsaId: PLATFORM, demoData: false, log: silentLogger, xmlLimits: p.ctx.xmlLimits };
    booking = await createBookingSystem(system).start(env);
  });
  after(async () => {
    await booking?.close();
    await p.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it(`a TAK registry service answers a request nested ${ATTACK_DEPTH} deep with its Client fault for malformed XML, promptly, and serves a parallel call`, async () => {
    const call = (payload: string): Promise<SoapAnswer> => callThroughHub(p.internalCaller(HSA.consumer), rivRequest(PLATFORM, payload));
    const [attack, ordinary] = await Promise.all([timed(() => call(withContent(SUPPORTED, nested(ATTACK_DEPTH)))), timed(() => call(SUPPORTED))]);
    expectNestingFault(attack.value);
    expect(attack.ms).to.be.below(PROMPT_MS);
    expect(ordinary.value.status, ordinary.value.body).to.equal(200);
    expect(ordinary.ms).to.be.below(PROMPT_MS);
  });

  it(`the catalogue's HSA XML import refuses a file nested ${ATTACK_DEPTH} deep as malformed input naming the limit, promptly`, async () => {
    const { value: res, ms } = await timed(() =>
      fetch(`${p.adminUrl}/api/tak/hsa-units/import`, { method: 'POST', headers: { 'content-type': 'application/xml', authorization: `Bearer ${TEST_OPERATOR_TOKEN}` }, body: nested(ATTACK_DEPTH) }),
    );
    expect(res.status).to.equal(400);
    expect(await res.json()).to.deep.equal({ code: 'TAK_ERR_BAD_INPUT', message: 'Malformed input: HSA XML: XML nesting deeper than 256', problems: [] });
    expect(ms).to.be.below(PROMPT_MS);
  });

  it(`a reference system answers a request nested ${ATTACK_DEPTH} deep with its Client fault for malformed XML, promptly, and serves a parallel call`, async () => {
    const url = booking.url + contractPath(SCHEDULING_NS('GetAvailableTimeslots'));
    const ordinaryRequest = availableTimeslotsRequest(UNIT, '20000101', '29991231', '191212121212');
    const call = (payload: string): Promise<SoapAnswer> => postSoap({ url, body: rivRequest(UNIT, payload), dispatcher: p.mtlsAgent(HSA.consumer) });
    expect((await call(ordinaryRequest)).status).to.equal(200);
    const [attack, ordinary] = await Promise.all([timed(() => call(withContent(ordinaryRequest, nested(ATTACK_DEPTH)))), timed(() => call(ordinaryRequest))]);
    expectNestingFault(attack.value);
    expect(attack.ms).to.be.below(PROMPT_MS);
    expect(ordinary.value.status, ordinary.value.body).to.equal(200);
    expect(ordinary.ms).to.be.below(PROMPT_MS);
  });
});
