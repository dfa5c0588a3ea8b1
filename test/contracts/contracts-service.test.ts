import { expect } from 'chai';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { zipSync } from 'fflate';
import { ContractsService, ContractImportError, loadCatalogue, parseRule, validationFault } from '../../src/contracts/index.js';
import { referenceDir, skipWithoutReference } from '../support/riv-reference.js';

const MAKE_BOOKING = 'urn:riv:crm:scheduling:MakeBookingResponder:1';
const CANCEL_BOOKING = 'urn:riv:crm:scheduling:CancelBookingResponder:1';
const BASE = 'https://hub.example:20000';
const wsdlQuery = new URLSearchParams('wsdl');
const cancelEnvelope = (bookingId: string): string =>
  `<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><LogicalAddress xmlns="urn:riv:itintegration:registry:1">SE2321000016-1234</LogicalAddress></s:Header><s:Body><CancelBooking xmlns="${CANCEL_BOOKING}"><healthcare_facility>SE2321000016-1234</healthcare_facility>${bookingId}</CancelBooking></s:Body></s:Envelope>`;

describe('contract catalogue (riv-contracts/)', () => {
  it('derives namespaces, element names and result paths from the BP 2.1 naming rules', () => {
    const c = loadCatalogue().get(MAKE_BOOKING)!;
    expect(c).to.include({ interaction: 'MakeBooking', version: '1.1', major: 1, request: 'MakeBooking', response: 'MakeBookingResponse', kind: 'write', wsdlNamespace: 'urn:riv:crm:scheduling:MakeBooking:1:rivtabp21' });
    expect(c.resultCode).to.deep.equal(['resultCode']);
    expect(loadCatalogue().get('urn:riv:clinicalprocess:healthcond:actoutcome:GetLaboratoryOrderOutcomeResponder:4')!.resultCode).to.equal(null);
    expect(loadCatalogue().get('urn:riv:itintegration:engagementindex:UpdateResponder:1')!.resultCode).to.deep.equal(['ResultCode']);
  });
});

describe('contracts service: import, WSDL serving, traffic validation', function () {
  let dataDir: string;
  let service: ContractsService;

  before(async function () {
    skipWithoutReference(this);
    dataDir = mkdtempSync(join(tmpdir(), 'ntjp-contracts-test-'));
    service = new ContractsService({ contractsDir: join(dataDir, 'contracts') });
    const imported = await service.importReleases(referenceDir()!);
    expect(imported.map((r) => `${r.domain}/${r.version}`)).to.include.members(['crm_scheduling/1.1.1', 'itintegration_engagementindex/1.0', 'clinicalprocess_healthcond_certificate/3.x']);
    expect(imported).to.have.length(12);
  });

  after(() => {
    service?.close();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it('lists imported contracts with their WSDL path, schema and our descriptor', () => {
    const c = service.list().find((x) => x.namespace === MAKE_BOOKING)!;
    expect(c.wsdlPath).to.equal('vp/crm/scheduling/MakeBooking/1/rivtabp21');
    expect(c.schemaFile).to.equal(join(dataDir, 'contracts/crm_scheduling/1.1.1/interactions/MakeBookingInteraction/MakeBookingResponder_1.1.xsd'));
    expect(c.descriptor?.interaction).to.equal('MakeBooking');
  });

  it('serves ?wsdl with soap:address set to the requested URL and imports pointing at ?xsd=', () => {
    const r = service.serveWsdlRequest('/vp/crm/scheduling/MakeBooking/1/rivtabp21', wsdlQuery, BASE)!;
    expect(r.status).to.equal(200);
    expect(r.contentType).to.equal('text/xml; charset=UTF-8');
    expect(r.body).to.match(/<soap:address location="https:\/\/hub\.example:20000\/vp\/crm\/scheduling\/MakeBooking\/1\/rivtabp21"\s*\/>/);
    expect(r.body).to.contain(`schemaLocation="${BASE}/vp/crm/scheduling/MakeBooking/1/rivtabp21?xsd=MakeBookingResponder_1.1.xsd"`);
    expect(r.body).to.contain(`schemaLocation="${BASE}/vp/crm/scheduling/MakeBooking/1/rivtabp21?xsd=../../core_components/itintegration_registry_1.0.xsd"`);
  });

  it('matches the path case-insensitively like the real VP', () => {
    expect(service.serveWsdlRequest('/VP/CRM/scheduling/makebooking/1/RIVTABP21', wsdlQuery, BASE)!.status).to.equal(200);
  });

  it('serves ?xsd= with nested imports rewritten relative to the WSDL folder', () => {
    const r = service.serveWsdlRequest('/vp/crm/scheduling/MakeBooking/1/rivtabp21', new URLSearchParams('xsd=MakeBookingResponder_1.1.xsd'), BASE)!;
    expect(r.status).to.equal(200);
    expect(r.body).to.contain(`schemaLocation="${BASE}/vp/crm/scheduling/MakeBooking/1/rivtabp21?xsd=../../core_components/crm_scheduling_1.1.xsd"`);
    const core = service.serveWsdlRequest('/vp/crm/scheduling/MakeBooking/1/rivtabp21', new URLSearchParams('xsd=../../core_components/crm_scheduling_1.1.xsd'), BASE)!;
    expect(core.body).to.contain(`schemaLocation="${BASE}/vp/crm/scheduling/MakeBooking/1/rivtabp21?xsd=../../core_components/crm_scheduling_1.1_ext.xsd"`);
  });

  it('refuses ?xsd= paths outside the release and lists known paths for an unknown one', () => {
    const out = service.serveWsdlRequest('/vp/crm/scheduling/MakeBooking/1/rivtabp21', new URLSearchParams('xsd=../../../../../etc/passwd'), BASE)!;
    expect(out.status).to.equal(404);
    const unknown = service.serveWsdlRequest('/vp/nowhere/1/rivtabp21', wsdlQuery, BASE)!;
    expect(unknown.status).to.equal(500);
    expect(unknown.contentType).to.equal('text/plain; charset=UTF-8');
    expect(unknown.body).to.match(/^No wsdl found on this path, following wsdl paths is available:\n/);
    expect(unknown.body).to.contain(`${BASE}/vp/crm/scheduling/MakeBooking/1/rivtabp21?wsdl\n`);
    expect(service.serveWsdlRequest('/vp/crm/scheduling/MakeBooking/1/rivtabp21', new URLSearchParams(''), BASE)).to.equal(undefined);
  });

  it('keeps validation off unless a rule turns it on, with a namespace rule beating *', () => {
    service.rules.replace([parseRule(`*=request/report`), parseRule(`${MAKE_BOOKING}=both/off`), parseRule(`${CANCEL_BOOKING}=both/strict`)]);
    expect(service.validationModes(MAKE_BOOKING)).to.deep.equal({ request: 'off', response: 'off' });
    expect(service.validationModes('urn:riv:other:XResponder:1')).to.deep.equal({ request: 'report', response: 'off' });
    expect(service.validationModes(CANCEL_BOOKING)).to.deep.equal({ request: 'strict', response: 'strict' });
    expect(() => parseRule('urn:x=sideways/strict')).to.throw("validation rule 'urn:x=sideways/strict' is not <namespace|*>=<request|response|both>/<report|strict|off>");
  });

  it('counts and keeps a violation of a report-mode contract, and accepts a valid message', async () => {
    service.rules.replace([parseRule(`${CANCEL_BOOKING}=request/report`)]);
    expect(await service.validateTraffic(CANCEL_BOOKING, 'request', cancelEnvelope('<bookingId>b1</bookingId>'))).to.deep.equal([]);
    const v = await service.validateTraffic(CANCEL_BOOKING, 'request', cancelEnvelope(''));
    expect(v).to.have.length(1);
    expect(v[0]!.message).to.contain("Element '{urn:riv:crm:scheduling:CancelBookingResponder:1}CancelBooking'");
    expect(v[0]!.message).to.contain('Missing child element(s). Expected is ( {urn:riv:crm:scheduling:CancelBookingResponder:1}bookingId )');
    expect(service.violationCounts()).to.deep.equal({ [`request ${CANCEL_BOOKING}`]: 1 });
    expect(service.recentViolations()[0]).to.include({ contract: CANCEL_BOOKING, direction: 'request', mode: 'report' });
  });

  it('renders the strict-mode fault naming the contract and the violation', async () => {
    const v = await service.validateTraffic(CANCEL_BOOKING, 'request', cancelEnvelope(''));
    const fault = validationFault('request', CANCEL_BOOKING, v);
    expect(fault).to.contain('<faultcode>soapenv:Client</faultcode>');
    expect(fault).to.contain(`<faultstring>NTJP-CONTRACT001 Request does not conform to the schema of contract ${CANCEL_BOOKING}: line 1: Element '{urn:riv:crm:scheduling:CancelBookingResponder:1}CancelBooking': Missing child element(s).`);
  });

  it('imports a release from a zip and refuses a zip that escapes its folder', async () => {
    const ping = join(referenceDir()!, 'itintegration_monitoring/1.0/interactions/PingForConfigurationInteraction/PingForConfigurationResponder_1.0.xsd');
    const zip = join(dataDir, 'release.zip');
    writeFileSync(zip, zipSync({ 'itintegration_monitoring/1.0.1/interactions/PingForConfigurationInteraction/PingForConfigurationResponder_1.0.xsd': readFileSync(ping) }));
    expect((await service.importReleases(zip)).map((r) => `${r.domain}/${r.version}/${r.files}`)).to.deep.equal(['itintegration_monitoring/1.0.1/1']);
    writeFileSync(zip, zipSync({ 'x/1.0/interactions/a.xsd': new Uint8Array([60]), '../evil.xsd': new Uint8Array([60]) }));
    const refusal = (source: string): Promise<unknown> => service.importReleases(source).then(() => undefined, (e: unknown) => e);
    expect(await refusal(zip)).to.be.instanceOf(ContractImportError).with.property('message', 'zip entry ../evil.xsd points outside the release');
    expect(await refusal(join(dataDir, 'missing'))).to.be.instanceOf(ContractImportError).with.property('message').that.contains('does not exist');
  });
});
