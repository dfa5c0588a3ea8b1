import { expect } from 'chai';
import { Agent as HttpsAgent } from 'node:https';
import { request } from 'undici';
import * as soap from 'soap';
import { contractsComponent, parseRule, type ContractsService } from '../../src/contracts/index.js';
import { vpComponent, type TrafficEntry } from '../../src/vp/index.js';
import { postSoap } from '../../src/shared/soap/client.js';
import { rivRequest } from '../../src/shared/soap/envelope.js';
import type { CatalogueSnapshot } from '../../src/tak/snapshot.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { HSA, startProducer, type TestProducer } from '../support/soap.js';
import { referenceDir, skipWithoutReference } from '../support/riv-reference.js';

const CANCEL = 'urn:riv:crm:scheduling:CancelBookingResponder:1';
const CANCEL_PATH = 'vp/crm/scheduling/CancelBooking/1/rivtabp21';
const cancel = (inner: string): string => rivRequest(HSA.careUnit, `<CancelBooking xmlns="${CANCEL}">${inner}</CancelBooking>`);
const VALID_REQUEST = cancel('<healthcare_facility>SE2321000016-1234</healthcare_facility><bookingId>b-1</bookingId>');
const INVALID_REQUEST = cancel('<healthcare_facility>SE2321000016-1234</healthcare_facility>');
const answer = (code: string): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Body><CancelBookingResponse xmlns="${CANCEL}"><resultCode>${code}</resultCode></CancelBookingResponse></s:Body></s:Envelope>`;

function catalogue(producerUrl: string): CatalogueSnapshot {
  const valid = { from: '2000-01-01', to: '2100-12-31' };
  return {
    version: 1,
    publishedAt: '2026-01-01T00:00:00Z',
    routes: [{ id: 1, logicalAddress: HSA.careUnit, namespace: CANCEL, profile: 'RIVTABP21', url: producerUrl, component: HSA.producerComponent, ...valid }],
    permissions: [{ id: 2, logicalAddress: HSA.careUnit, namespace: CANCEL, consumer: HSA.consumer, filters: [], ...valid }],
    hsaUnits: [],
  };
}

describe('contracts through the hub: WSDL serving, node-soap client, traffic validation', function () {
  let p: TestPlatform;
  let producer: TestProducer;
  let contracts: ContractsService;
  let producerAnswer = answer('OK');

  before(async function () {
    skipWithoutReference(this);
    producer = await startProducer(() => ({ body: producerAnswer }));
    p = await startTestPlatform({ components: [vpComponent, contractsComponent], catalogue: catalogue(producer.url) });
    contracts = p.ctx.use<ContractsService>('contracts');
    await contracts.importReleases(referenceDir()!);
  });
  after(async () => {
    await p?.close();
    await producer?.close();
  });
  beforeEach(() => {
    contracts?.rules.replace([]);
    producerAnswer = answer('OK');
  });

  const hubOrigin = (url: string): string => new URL(url).origin;
  const mtlsGet = (url: string) => request(url, { dispatcher: p.mtlsAgent(HSA.consumer) });
  const lastCall = async (): Promise<TrafficEntry> => {
    const res = await request(`${p.adminUrl}/api/traffic?limit=1`);
    return ((await res.body.json()) as { calls: TrafficEntry[] }).calls[0]!;
  };
  const call = (body: string) => postSoap({ url: `${p.hubHttpsUrl.replace(/\/vp$/, '')}/${CANCEL_PATH}`, body, dispatcher: p.mtlsAgent(HSA.consumer) });

  it('serves ?wsdl of an imported contract on the mTLS listener with soap:address set to the hub URL used', async () => {
    const res = await mtlsGet(`${hubOrigin(p.hubHttpsUrl)}/${CANCEL_PATH}?wsdl`);
    const body = await res.body.text();
    expect(res.statusCode).to.equal(200);
    expect(res.headers['content-type']).to.equal('text/xml; charset=UTF-8');
    expect(body).to.match(new RegExp(`<soap:address location="${hubOrigin(p.hubHttpsUrl)}/${CANCEL_PATH}"\\s*/>`));
    expect(body).to.contain(`schemaLocation="${hubOrigin(p.hubHttpsUrl)}/${CANCEL_PATH}?xsd=CancelBookingResponder_1.1.xsd"`);
  });

  it('serves ?xsd= of the contract with its imports pointing back at the hub', async () => {
    const res = await mtlsGet(`${hubOrigin(p.hubHttpsUrl)}/${CANCEL_PATH}?xsd=CancelBookingResponder_1.1.xsd`);
    const body = await res.body.text();
    expect(res.statusCode).to.equal(200);
    expect(body).to.contain(`targetNamespace="${CANCEL}"`);
    expect(body).to.contain(`schemaLocation="${hubOrigin(p.hubHttpsUrl)}/${CANCEL_PATH}?xsd=../../core_components/crm_scheduling_1.1.xsd"`);
  });

  it('honours X-VP-Forwarded-Host/Port/Proto on the HTTP listener', async () => {
    const res = await request(`${hubOrigin(p.hubHttpUrl)}/${CANCEL_PATH}?wsdl`, {
      headers: { 'x-vp-forwarded-host': 'ntjp.example.org', 'x-vp-forwarded-port': '443', 'x-vp-forwarded-proto': 'https' },
    });
    expect(res.statusCode).to.equal(200);
    expect(await res.body.text()).to.match(new RegExp(`<soap:address location="https://ntjp\\.example\\.org:443/${CANCEL_PATH}"\\s*/>`));
  });

  it('refuses a forwarded host that could not be a host name (400), and lists known paths for an unknown one', async () => {
    const bad = await request(`${hubOrigin(p.hubHttpUrl)}/${CANCEL_PATH}?wsdl`, { headers: { 'x-vp-forwarded-host': 'a"><x' } });
    expect(bad.statusCode).to.equal(400);
    await bad.body.dump();
    const unknown = await request(`${hubOrigin(p.hubHttpUrl)}/vp/nowhere/1/rivtabp21?wsdl`);
    expect(unknown.statusCode).to.equal(500);
    expect(await unknown.body.text()).to.contain(`No wsdl found on this path, following wsdl paths is available:\n`);
  });

  it('lets a node-soap client built from the served WSDL call the producer through the hub over mTLS', async () => {
    const id = p.identity(HSA.consumer);
    const httpsAgent = new HttpsAgent({ cert: id.cert, key: id.key, ca: id.ca });
    try {
      const client = await soap.createClientAsync(`${hubOrigin(p.hubHttpsUrl)}/${CANCEL_PATH}?wsdl`, { wsdl_options: { httpsAgent } });
      client.setSecurity(new soap.ClientSSLSecurity(Buffer.from(id.key), Buffer.from(id.cert), Buffer.from([id.ca].flat().join('\n'))));
      client.addSoapHeader(`<LogicalAddress xmlns="urn:riv:itintegration:registry:1">${HSA.careUnit}</LogicalAddress>`);
      // node-soap builds the Body from a message's first part, which in the RIV-TA WSDLs is the LogicalAddress
      // header (vpulim/node-soap#704), so the payload is given as XML; endpoint, SOAPAction, the header and
      // the parsing of the answer come from the served WSDL.
      const payload = `<CancelBooking xmlns="${CANCEL}"><healthcare_facility>${HSA.careUnit}</healthcare_facility><bookingId>b-42</bookingId></CancelBooking>`;
      const [result] = (await client.CancelBookingAsync({ _xml: payload })) as [{ resultCode: string }];
      expect(result.resultCode).to.equal('OK');
      const sent = producer.calls.at(-1)!;
      expect(sent.body).to.contain('b-42');
      expect(sent.headers['x-vp-sender-id']).to.equal(HSA.consumer);
    } finally {
      httpsAgent.destroy();
    }
  });

  it('passes an invalid request in report mode and shows the violation in /api/traffic', async () => {
    contracts.rules.replace([parseRule(`${CANCEL}=request/report`)]);
    const calls = producer.calls.length;
    const res = await call(INVALID_REQUEST);
    expect(res.status).to.equal(200);
    expect(producer.calls.length).to.equal(calls + 1);
    const entry = await lastCall();
    expect(entry.outcome).to.equal('ok');
    expect(entry.violations).to.have.length(1);
    expect(entry.violations![0]!.direction).to.equal('request');
    expect(entry.violations![0]!.message).to.contain('Missing child element(s). Expected is ( {urn:riv:crm:scheduling:CancelBookingResponder:1}bookingId )');
    expect(contracts.violationCounts()[`request ${CANCEL}`]).to.be.greaterThan(0);
  });

  it('passes a valid request in strict mode without violations', async () => {
    contracts.rules.replace([parseRule(`${CANCEL}=both/strict`)]);
    const res = await call(VALID_REQUEST);
    expect(res.status).to.equal(200);
    expect(res.body).to.contain('<resultCode>OK</resultCode>');
    const entry = await lastCall();
    expect(entry.outcome).to.equal('ok');
    expect(entry.violations).to.equal(undefined);
  });

  it('refuses an invalid request in strict mode with NTJP-CONTRACT001 naming the violation, before the producer', async () => {
    contracts.rules.replace([parseRule(`${CANCEL}=request/strict`)]);
    const calls = producer.calls.length;
    const res = await call(INVALID_REQUEST);
    expect(res.status).to.equal(500);
    expect(res.envelope?.fault?.code).to.equal('soapenv:Client');
    expect(res.envelope?.fault?.string).to.match(
      /^NTJP-CONTRACT001 Request does not conform to the schema of contract urn:riv:crm:scheduling:CancelBookingResponder:1: line 1: Element '\{urn:riv:crm:scheduling:CancelBookingResponder:1\}CancelBooking': Missing child element/,
    );
    expect(producer.calls.length).to.equal(calls);
    const entry = await lastCall();
    expect(entry).to.include({ outcome: 'contract-fault', faultCode: 'NTJP-CONTRACT001', httpStatus: 500 });
    expect(entry.violations![0]!.direction).to.equal('request');
  });

  it('refuses an invalid producer answer in strict mode with NTJP-CONTRACT002, and passes it in report mode', async () => {
    producerAnswer = answer('MAYBE');
    contracts.rules.replace([parseRule(`${CANCEL}=response/strict`)]);
    const refused = await call(VALID_REQUEST);
    expect(refused.status).to.equal(500);
    expect(refused.envelope?.fault?.code).to.equal('soapenv:Server');
    expect(refused.envelope?.fault?.string).to.match(/^NTJP-CONTRACT002 Response from the producer does not conform to the schema of contract urn:riv:crm:scheduling:CancelBookingResponder:1: .*resultCode/);
    expect(await lastCall()).to.include({ outcome: 'contract-fault', faultCode: 'NTJP-CONTRACT002' });

    contracts.rules.replace([parseRule(`${CANCEL}=response/report`)]);
    const passed = await call(VALID_REQUEST);
    expect(passed.status).to.equal(200);
    expect(passed.body).to.contain('<resultCode>MAYBE</resultCode>');
    const entry = await lastCall();
    expect(entry.outcome).to.equal('ok');
    expect(entry.violations![0]!.direction).to.equal('response');
  });
});
