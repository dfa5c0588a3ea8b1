import { expect } from 'chai';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import { closeServer, listen } from '../../src/shared/listen.js';
import { PLATFORM_SECRET_HEADER } from '../../src/platform/soap-server.js';
import { vpComponent, type VpApi } from '../../src/vp/index.js';
import { takComponent, type TakService } from '../../src/tak/index.js';
import { eiComponent, EI_NS, type EiApi } from '../../src/ei/index.js';
import { callThroughHub, postSoap, type HubCaller } from '../../src/shared/soap/client.js';
import { rivRequest, soapEnvelope } from '../../src/shared/soap/envelope.js';
import { SOAP_CONTENT_TYPE } from '../../src/shared/soap/namespaces.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { engagement, resultCode, updatePayload } from '../ei/fixtures.js';
import { newestSeq, trafficAfter } from '../vp/hub-calls.js';

const CONSUMER = 'SE2321000016-PRIV';
const EXTERNAL = 'SE2321000016-EXTP';
const UNIT = 'SE2321000016-EXTU';
const EXTERNAL_CONTRACT = 'urn:riv:test:private:GetThingsResponder:1';
const PING = 'urn:riv:itintegration:monitoring:PingForConfigurationResponder:1';
const REFUSAL = "This port serves the platform's built-in producers to its hub only: call them through the hub, which checks the caller's identity and permission.";

describe("platform: the built-in producers' port answers only the hub", function () {
  this.timeout(30_000);
  let t: TestPlatform;
  let producer: Server;
  let producerSaw: IncomingHttpHeaders[] = [];
  let consumer: HubCaller;

  const stored = async () => (await t.ctx.use<EiApi>('ei').stats()).engagements;
  const update = (id: string) => rivRequest(t.ctx.platformHsaId, updatePayload([{ engagement: engagement({ businessObjectInstanceIdentifier: id }) }]));
  /** What a loopback program that skips the hub sends: the sender id the hub would set, and the instance id. */
  const straight = (path: string, body: string, extra: Record<string, string> = {}) =>
    postSoap({ url: t.platform.servicesBaseUrl + path, body, headers: { 'x-vp-sender-id': CONSUMER, 'x-vp-instance-id': t.ctx.instanceId, ...extra } });

  before(async () => {
    producer = createServer((req, res) => {
      producerSaw.push(req.headers);
      req.resume();
      req.on('end', () => {
        res.writeHead(200, { 'content-type': SOAP_CONTENT_TYPE });
        res.end(soapEnvelope(`<GetThingsResponse xmlns="${EXTERNAL_CONTRACT}"/>`));
      });
    });
    const producerUrl = `http://127.0.0.1:${await listen(producer, 0, '127.0.0.1')}/things`;
    t = await startTestPlatform({ components: [vpComponent, takComponent, eiComponent], settings: { 'tak.seedDemo': false } });
    const tak = t.ctx.use<TakService>('tak');
    const permit = (logiskAdress: string, tjanstekontrakt: string) => ({ logiskAdress, tjanstekontrakt, tjanstekonsument: CONSUMER });
    await tak.order(
      {
        plattform: 'NTJP-TEST',
        genomforandeTidpunkt: '2020-01-01',
        inkludera: {
          tjanstekontrakt: [{ namnrymd: EXTERNAL_CONTRACT, beskrivning: 'an external producer' }],
          logiskadresser: [{ hsaId: UNIT, beskrivning: 'a care unit' }],
          tjanstekomponenter: [
            { hsaId: CONSUMER, beskrivning: 'consumer under test' },
            { hsaId: EXTERNAL, beskrivning: 'external producer' },
          ],
          vagval: [{ adress: producerUrl, logiskAdress: UNIT, tjanstekontrakt: EXTERNAL_CONTRACT, rivtaprofil: 'RIVTABP21', tjanstekomponent: EXTERNAL }],
          anropsbehorigheter: [permit(t.ctx.platformHsaId, EI_NS.update), permit(UNIT, EXTERNAL_CONTRACT)],
        },
        exkludera: { anropsbehorigheter: [], vagval: [] },
      },
      { dryRun: false, user: 'test' },
    );
    await tak.publish('test', 'consumer under test');
    consumer = { kind: 'mtls', url: t.hubHttpsUrl, dispatcher: t.mtlsAgent(CONSUMER) };
  });

  after(async () => {
    await t?.close();
    if (producer) await closeServer(producer);
  });

  beforeEach(() => {
    producerSaw = [];
    t.ctx.use<VpApi>('vp').traffic.setCapture(false);
  });

  it('refuses an EI Update posted straight to the services port with 403 and a SOAP fault naming the hub, and stores nothing', async () => {
    const answer = await straight('/ei/update', update('straight'));
    expect(answer.status).to.equal(403);
    expect(answer.envelope?.fault).to.deep.equal({ code: 'soapenv:Client', string: REFUSAL, detail: undefined });
    expect(await stored()).to.equal(0);
  });

  it('refuses a wrong secret the same way, on every path of the port (registry services and unknown paths too)', async () => {
    const wrong = await straight('/ei/update', update('wrong-secret'), { [PLATFORM_SECRET_HEADER]: 'guessed' });
    expect([wrong.status, wrong.envelope?.fault?.string]).to.deep.equal([403, REFUSAL]);
    const ping = await straight('/tak/PingForConfiguration/1', rivRequest(t.ctx.platformHsaId, `<PingForConfiguration xmlns="${PING}"/>`));
    expect([ping.status, ping.envelope?.fault?.string]).to.deep.equal([403, REFUSAL]);
    const unknown = await straight('/no-such-service', update('unknown'));
    expect([unknown.status, unknown.envelope?.fault?.string]).to.deep.equal([403, REFUSAL]);
    expect(await stored()).to.equal(0);
  });

  it('stores the same Update sent through the hub, which checks the consumer and adds the secret', async () => {
    const answer = await callThroughHub(consumer, update('through-hub'));
    expect([answer.status, resultCode(answer)]).to.deep.equal([200, 'OK']);
    expect(await stored()).to.equal(1);
  });

  it('sends the secret to no other producer, not even one the consumer tried to pass on itself', async () => {
    const body = rivRequest(UNIT, `<GetThings xmlns="${EXTERNAL_CONTRACT}"/>`);
    const answer = await callThroughHub(consumer, body, { headers: { [PLATFORM_SECRET_HEADER]: t.ctx.servicesSecret } });
    expect(answer.status).to.equal(200);
    expect(producerSaw).to.have.length(1);
    expect(producerSaw[0]).to.not.have.property(PLATFORM_SECRET_HEADER);
    expect(JSON.stringify(producerSaw[0])).to.not.contain(t.ctx.servicesSecret);
  });

  it('keeps the secret out of the traffic log, bodies captured', async () => {
    t.ctx.use<VpApi>('vp').traffic.setCapture(true);
    const traffic = t.ctx.use<VpApi>('vp').traffic;
    const mark = newestSeq(traffic);
    expect(resultCode(await callThroughHub(consumer, update('captured')))).to.equal('OK');
    // The hub records a call once its answer is sent, which may be after the caller has read it.
    const entries = await trafficAfter(traffic, mark, { contract: EI_NS.update }, 1);
    expect(entries.some((e) => e.requestBody?.includes('captured'))).to.equal(true);
    expect(JSON.stringify(entries)).to.not.contain(t.ctx.servicesSecret);
  });
});
