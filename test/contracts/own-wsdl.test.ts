import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { request } from 'undici';
import * as soap from 'soap';
import { ContractsService, OWN_WSDL_DIR, SchemaSet, contractsComponent } from '../../src/contracts/index.js';
import { vpComponent } from '../../src/vp/index.js';
import { EI_NS, type Engagement } from '../../src/ei/index.js';
import { findContentResponseXml, processNotificationXml, resultXml } from '../../src/ei/engagement-xml.js';
import { REGISTRY_NS } from '../../src/tak/registry-namespaces.js';
import { rivRequest, soapEnvelope } from '../../src/shared/soap/envelope.js';
import { startTestPlatform, type TestPlatform } from '../support/platform.js';
import { referenceDir, skipWithoutReference } from '../support/riv-reference.js';

const PLATFORM = '5565594230';
const ENGAGEMENT: Engagement = {
  registeredResidentIdentification: '191212121212',
  serviceDomain: 'riv:crm:scheduling',
  categorization: 'Booking',
  logicalAddress: 'SE2321000016-1234',
  businessObjectInstanceIdentifier: 'NA',
  clinicalProcessInterestId: 'NA',
  mostRecentContent: '20260101120000',
  sourceSystem: 'SE2321000016-S',
  dataController: '2321000016',
  owner: PLATFORM,
};
const coreEngagement = Object.entries(ENGAGEMENT)
  .filter(([k]) => k !== 'owner')
  .map(([k, v]) => `<c:${k}>${v}</c:${k}>`)
  .join('');
const UPDATE = rivRequest(PLATFORM, `<Update xmlns="${EI_NS.update}" xmlns:c="${EI_NS.core}"><engagementTransaction><c:deleteFlag>false</c:deleteFlag><c:engagement>${coreEngagement}</c:engagement></engagementTransaction></Update>`);

/** The platform's own messages: what our EI sends and receives, and the registry and ping shapes our TAK answers. */
const OWN_MESSAGES: Record<string, string> = {
  'Update request': UPDATE,
  'UpdateResponse OK': soapEnvelope(resultXml(EI_NS.update, 'UpdateResponse', 'OK')),
  'UpdateResponse ERROR with comment': soapEnvelope(resultXml(EI_NS.update, 'UpdateResponse', 'ERROR', 'EI002 duplicate key')),
  'ProcessNotification sent to a subscriber': rivRequest('SE2321000016-SUBS', processNotificationXml([{ deleteFlag: true, engagement: ENGAGEMENT }])),
  ProcessNotificationResponse: soapEnvelope(resultXml(EI_NS.processNotification, 'ProcessNotificationResponse', 'OK')),
  'FindContent request': rivRequest(PLATFORM, `<FindContent xmlns="${EI_NS.findContent}"><registeredResidentIdentification>191212121212</registeredResidentIdentification><serviceDomain>riv:crm:scheduling</serviceDomain><categorization>Booking</categorization></FindContent>`),
  FindContentResponse: soapEnvelope(findContentResponseXml([ENGAGEMENT, { ...ENGAGEMENT, registeredResidentIdentification: '19121212T212', mostRecentContent: undefined }])),
  'GetSupportedServiceContracts request': rivRequest(PLATFORM, `<GetSupportedServiceContracts xmlns="${REGISTRY_NS.supportedContracts}"><serviceConsumerHsaId>SE-KONS</serviceConsumerHsaId><logicalAdress>SE2321000016-1234</logicalAdress></GetSupportedServiceContracts>`),
  GetSupportedServiceContractsResponse: soapEnvelope(`<GetSupportedServiceContractsResponse xmlns="${REGISTRY_NS.supportedContracts}" xmlns:core="${REGISTRY_NS.registryCore}"><serviceContractNamespace><core:ServiceContractNamespace>${EI_NS.update}</core:ServiceContractNamespace></serviceContractNamespace></GetSupportedServiceContractsResponse>`),
  'GetLogicalAddresseesByServiceContract request': rivRequest(PLATFORM, `<GetLogicalAddresseesByServiceContract xmlns="${REGISTRY_NS.logicalAddressees}" xmlns:core="${REGISTRY_NS.registryCore}"><serviceConsumerHsaId>${PLATFORM}</serviceConsumerHsaId><serviceContractNameSpace><core:ServiceContractNamespace>${EI_NS.processNotification}</core:ServiceContractNamespace></serviceContractNameSpace></GetLogicalAddresseesByServiceContract>`),
  GetLogicalAddresseesByServiceContractResponse: soapEnvelope(`<GetLogicalAddresseesByServiceContractResponse xmlns="${REGISTRY_NS.logicalAddressees}"><logicalAddressRecord><logicalAddress>SE-SUBS</logicalAddress><filter><serviceDomain>riv:crm:scheduling</serviceDomain><categorization>Booking</categorization></filter></logicalAddressRecord></GetLogicalAddresseesByServiceContractResponse>`),
  'PingForConfiguration request': rivRequest(PLATFORM, `<PingForConfiguration xmlns="${REGISTRY_NS.ping}"><serviceContractNamespace>${REGISTRY_NS.ping}</serviceContractNamespace><logicalAddress>${PLATFORM}</logicalAddress></PingForConfiguration>`),
  PingForConfigurationResponse: soapEnvelope(`<PingForConfigurationResponse xmlns="${REGISTRY_NS.ping}"><version>1.0.0</version><pingDateTime>20260101120000</pingDateTime><configuration><name>catalogueVersion</name><value>3</value></configuration></PingForConfigurationResponse>`),
};

const OFFICIAL_EXAMPLES = [
  'itintegration_engagementindex_Update_1_request.xml',
  'itintegration_engagementindex_Update_1_request_description-voo.xml',
  'itintegration_engagementindex_FindContent_1_request.xml',
  'itintegration_monitoring_PingForConfiguration_1_request.xml',
];

describe("the platform's own WSDL/XSD (wsdl/platform)", () => {
  const own = new SchemaSet(join(OWN_WSDL_DIR, 'platform'));
  after(() => own.dispose());

  for (const [name, xml] of Object.entries(OWN_MESSAGES)) {
    it(`accepts our ${name}`, () => {
      expect(own.validateXml(xml)).to.deep.equal([]);
    });
  }

  it('refuses what the published contracts refuse: a bad person id, a missing ResultCode, an unknown result code', () => {
    const badPerson = own.validateXml(UPDATE.replace('191212121212', '1212121212'));
    expect(badPerson[0]!.message).to.contain("Element '{urn:riv:itintegration:engagementindex:1}registeredResidentIdentification'");
    expect(badPerson[0]!.message).to.contain("is not accepted by the pattern '[0-9]{8}[0-9pPtTfF][0-9]{3}'");
    expect(own.validateXml(soapEnvelope(`<UpdateResponse xmlns="${EI_NS.update}"/>`))[0]!.message).to.contain('Missing child element(s). Expected is ( {urn:riv:itintegration:engagementindex:UpdateResponder:1}ResultCode )');
    expect(own.validateXml(soapEnvelope(resultXml(EI_NS.update, 'UpdateResponse', 'OK').replace('>OK<', '>MAYBE<')))[0]!.message).to.contain("'MAYBE' is not an element of the set");
  });

  it('accepts the official example messages of the platform contracts', function () {
    skipWithoutReference(this);
    for (const file of OFFICIAL_EXAMPLES) {
      expect(own.validateXml(readFileSync(join(referenceDir()!, 'examples', file), 'utf8')), file).to.deep.equal([]);
    }
  });

  it('gives our own messages to the published schemas too, which accept them', function () {
    skipWithoutReference(this);
    const published = new SchemaSet(referenceDir()!);
    try {
      for (const [name, xml] of Object.entries(OWN_MESSAGES)) expect(published.validateXml(xml), name).to.deep.equal([]);
    } finally {
      published.dispose();
    }
  });
});

describe("?wsdl of the platform's own services without an imported release", () => {
  let p: TestPlatform;
  const BASE = 'https://ntjp.example:20000';
  before(async () => {
    p = await startTestPlatform({ components: [vpComponent, contractsComponent] });
  });
  after(async () => p?.close());

  it('lists the own services in the contracts service with their hub paths', () => {
    const known = p.ctx.use<ContractsService>('contracts').list();
    const paths = Object.fromEntries(known.filter((c) => c.wsdlPath).map((c) => [c.namespace, c.wsdlPath]));
    expect(paths).to.include({
      [EI_NS.update]: 'vp/itintegration/engagementindex/Update/1/rivtabp21',
      [EI_NS.processNotification]: 'vp/itintegration/engagementindex/ProcessNotification/1/rivtabp21',
      [EI_NS.findContent]: 'vp/itintegration/engagementindex/FindContent/1/rivtabp21',
      [REGISTRY_NS.supportedContracts]: 'vp/infrastructure/itintegration/registry/GetSupportedServiceContracts/2/rivtabp21',
      [REGISTRY_NS.logicalAddressees]: 'vp/infrastructure/itintegration/registry/GetLogicalAddresseesByServiceContract/2/rivtabp21',
      [REGISTRY_NS.ping]: 'vp/itintegration/monitoring/PingForConfiguration/1/rivtabp21',
    });
  });

  it('serves the EI Update WSDL through the hub and its schemas, core components included, through ?xsd=', async () => {
    const origin = new URL(p.hubHttpUrl).origin;
    const path = 'vp/itintegration/engagementindex/Update/1/rivtabp21';
    const headers = { 'x-vp-forwarded-host': 'ntjp.example', 'x-vp-forwarded-port': '20000', 'x-vp-forwarded-proto': 'https' };
    const wsdl = await request(`${origin}/${path}?wsdl`, { headers });
    const text = await wsdl.body.text();
    expect(wsdl.statusCode).to.equal(200);
    expect(text).to.contain(`<soap:address location="${BASE}/${path}"/>`);
    expect(text).to.contain(`schemaLocation="${BASE}/${path}?xsd=UpdateResponder_1.0.xsd"`);
    expect(text).to.contain(`schemaLocation="${BASE}/${path}?xsd=../../core_components/logical_address_header_1.0.xsd"`);
    const responder = await (await request(`${origin}/${path}?xsd=UpdateResponder_1.0.xsd`, { headers })).body.text();
    expect(responder).to.contain(`schemaLocation="${BASE}/${path}?xsd=../../core_components/engagementindex_core_1.0.xsd"`);
    const core = await request(`${origin}/${path}?xsd=../../core_components/engagementindex_core_1.0.xsd`);
    expect(core.statusCode).to.equal(200);
    expect(await core.body.text()).to.contain('targetNamespace="urn:riv:itintegration:engagementindex:1"');
  });

  it('serves the emulated inbox contracts (urn:riv-emulated:) at their hub paths, with their schemas', async () => {
    const origin = new URL(p.hubHttpUrl).origin;
    for (const interaction of ['AddMessage', 'GetMessageThreadStatus']) {
      const path = `vp/infrastructure/eservicesupply/patientportal/${interaction}/2/rivtabp21`;
      const wsdl = await request(`${origin}/${path}?wsdl`);
      const text = await wsdl.body.text();
      expect(wsdl.statusCode, text.slice(0, 200)).to.equal(200);
      expect(text).to.contain(`targetNamespace="urn:riv-emulated:infrastructure:eservicesupply:patientportal:${interaction}:2:rivtabp21"`);
      expect(text).to.contain(`<soap:address location="${origin}/${path}"/>`);
      const xsd = await request(`${origin}/${path}?xsd=${interaction}Responder_2.0.xsd`);
      expect(xsd.statusCode).to.equal(200);
      expect(await xsd.body.text()).to.contain(`urn:riv-emulated:infrastructure:eservicesupply:patientportal:${interaction}Responder:2`);
    }
  });

  it('serves PingForConfiguration on the mTLS listener with the https address the caller used', async () => {
    const path = 'vp/itintegration/monitoring/PingForConfiguration/1/rivtabp21';
    const origin = new URL(p.hubHttpsUrl).origin;
    const res = await request(`${origin}/${path}?wsdl`, { dispatcher: p.mtlsAgent('SE2321000016-KONS') });
    expect(res.statusCode).to.equal(200);
    expect(await res.body.text()).to.contain(`<soap:address location="${origin}/${path}"/>`);
  });

  it('loads in node-soap, which finds the operation and would call the hub address it was served from', async () => {
    const url = `${new URL(p.hubHttpUrl).origin}/vp/itintegration/monitoring/PingForConfiguration/1/rivtabp21`;
    const client = await soap.createClientAsync(`${url}?wsdl`);
    expect(client.describe().PingForConfigurationResponderService.PingForConfigurationResponderPort).to.have.property('PingForConfiguration');
    const service = client.wsdl.definitions.services.PingForConfigurationResponderService!;
    expect(service.ports.PingForConfigurationResponderPort!.location).to.equal(url);
  });
});
