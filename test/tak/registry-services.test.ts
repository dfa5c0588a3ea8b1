import { expect } from 'chai';
import { postSoap } from '../../src/shared/soap/client.js';
import { rivRequest, soapEnvelope } from '../../src/shared/soap/envelope.js';
import { serializeXml } from '../../src/shared/xml/serialize.js';
import { REGISTRY_NS } from '../../src/tak/registry-namespaces.js';
import { PLATFORM_SECRET_HEADER, PLATFORM_SERVICES_ORIGIN } from '../../src/platform/soap-server.js';
import { skipWithoutReference, validatePayloadXml } from '../support/riv-reference.js';
import { BOOKING_NS, CARE_UNIT, CONSUMER, bookingOrder } from './fixtures.js';
import { startTakPlatform, type TakPlatform } from './platform-fixture.js';

const PLATFORM = '5565594230';

describe('TAK registry services (called directly on the services listener, with the secret the hub adds)', () => {
  let t: TakPlatform;
  const direct = (path: string, body: string) => postSoap({ url: t.platform.servicesBaseUrl + path, body, headers: { [PLATFORM_SECRET_HEADER]: t.platform.ctx.servicesSecret } });
  const call = async (path: string, payload: string): Promise<{ status: number; payloadXml: string; body: string }> => {
    const a = await direct(path, rivRequest(PLATFORM, payload));
    return { status: a.status, body: a.body, payloadXml: a.envelope?.payload ? serializeXml(a.envelope.payload) : '' };
  };
  before(async () => {
    t = await startTakPlatform();
    await t.api('POST', '/api/tak/orders', bookingOrder());
    await t.api('POST', '/api/tak/orders', bookingOrder({ date: '2026-01-01', careUnit: 'SE2321000016-5678' }));
    const permissions = (await t.api('GET', '/api/tak/permissions')).json;
    await t.api('DELETE', `/api/tak/permissions/${permissions[1].id}`);
    await t.api('POST', '/api/tak/permissions', { consumer: CONSUMER, logicalAddress: 'SE2321000016-5678', namespace: BOOKING_NS, from: '2026-01-01', filters: [{ serviceDomain: 'riv:crm:scheduling', categorizations: ['booking', 'cancel'] }] });
    await t.api('POST', '/api/tak/publish', {});
  });
  after(() => t.close());

  it('GetSupportedServiceContracts v2 lists the namespaces a consumer may call at an address, valid against the XSD', async function () {
    const r = await call('/tak/GetSupportedServiceContracts/2', `<GetSupportedServiceContracts xmlns="${REGISTRY_NS.supportedContracts}"><serviceConsumerHsaId>${CONSUMER.toLowerCase()}</serviceConsumerHsaId><logicalAdress>${CARE_UNIT}</logicalAdress></GetSupportedServiceContracts>`);
    expect(r.status).to.equal(200);
    expect(r.payloadXml).to.contain(`<core:ServiceContractNamespace>${BOOKING_NS}</core:ServiceContractNamespace>`);
    const none = await call('/tak/GetSupportedServiceContracts/2', `<GetSupportedServiceContracts xmlns="${REGISTRY_NS.supportedContracts}"><logicalAdress>SE-NOBODY</logicalAdress></GetSupportedServiceContracts>`);
    expect(none.payloadXml).not.to.contain('serviceContractNamespace>');
    skipWithoutReference(this);
    expect(await validatePayloadXml(r.payloadXml)).to.deep.equal([]);
  });

  it('GetLogicalAddresseesByServiceContract v2 returns one record per permission with its filters, valid against the XSD', async function () {
    const r = await call('/tak/GetLogicalAddresseesByServiceContract/2', `<GetLogicalAddresseesByServiceContract xmlns="${REGISTRY_NS.logicalAddressees}" xmlns:core="${REGISTRY_NS.registryCore}"><serviceConsumerHsaId>${CONSUMER}</serviceConsumerHsaId><serviceContractNameSpace><core:ServiceContractNamespace>${BOOKING_NS}</core:ServiceContractNamespace></serviceContractNameSpace></GetLogicalAddresseesByServiceContract>`);
    expect(r.status).to.equal(200);
    expect(r.payloadXml).to.contain(`<logicalAddressRecord><logicalAddress>${CARE_UNIT}</logicalAddress></logicalAddressRecord>`);
    expect(r.payloadXml).to.contain('<logicalAddressRecord><logicalAddress>SE2321000016-5678</logicalAddress><filter><serviceDomain>riv:crm:scheduling</serviceDomain><categorization>booking</categorization><categorization>cancel</categorization></filter></logicalAddressRecord>');
    skipWithoutReference(this);
    expect(await validatePayloadXml(r.payloadXml)).to.deep.equal([]);
  });

  it('answers a request missing a required field with a Client fault naming it', async () => {
    const r = await call('/tak/GetLogicalAddresseesByServiceContract/2', `<GetLogicalAddresseesByServiceContract xmlns="${REGISTRY_NS.logicalAddressees}"><serviceConsumerHsaId>${CONSUMER}</serviceConsumerHsaId></GetLogicalAddresseesByServiceContract>`);
    expect(r.status).to.equal(500);
    expect(r.body).to.contain('<faultstring>GetLogicalAddresseesByServiceContract: serviceContractNameSpace/ServiceContractNamespace is required</faultstring>');
  });

  it('PingForConfiguration v1 answers with version, timestamp and the active catalogue version, valid against the XSD', async function () {
    const r = await call('/tak/PingForConfiguration/1', `<PingForConfiguration xmlns="${REGISTRY_NS.ping}"><serviceContractNamespace>${REGISTRY_NS.ping}</serviceContractNamespace><logicalAddress>${PLATFORM}</logicalAddress></PingForConfiguration>`);
    expect(r.payloadXml).to.match(/<pingDateTime>\d{14}<\/pingDateTime>/);
    expect(r.payloadXml).to.contain(`<configuration><name>catalogueVersion</name><value>${t.platform.ctx.catalogue.current()!.version}</value></configuration>`);
    skipWithoutReference(this);
    expect(await validatePayloadXml(r.payloadXml)).to.deep.equal([]);
  });

  it('SokVagvalsInfo v2 lists every published route and permission with TAK dates', async () => {
    const v = await direct('/tak/SokVagvalsInfo/v2', soapEnvelope(`<hamtaAllaVirtualiseringar xmlns="${REGISTRY_NS.vagvalsInfo}"/>`));
    expect(v.body).to.contain(`<virtualiseringsInfo><adress>https://journal.example:8443/booking</adress><fromTidpunkt>2026-01-01T00:00:00</fromTidpunkt><receiverId>${CARE_UNIT}</receiverId><rivProfil>RIVTABP21</rivProfil><tjansteKontrakt>${BOOKING_NS}</tjansteKontrakt><tomTidpunkt>2126-01-01T00:00:00</tomTidpunkt>`);
    const b = await direct('/tak/SokVagvalsInfo/v2', soapEnvelope(`<hamtaAllaAnropsBehorigheter xmlns="${REGISTRY_NS.vagvalsInfo}"/>`));
    expect(b.body).to.contain(`<receiverId>SE2321000016-5678</receiverId><senderId>${CONSUMER}</senderId><tjansteKontrakt>${BOOKING_NS}</tjansteKontrakt><tomTidpunkt>2126-01-01T00:00:00</tomTidpunkt><filterInfo><serviceDomain>riv:crm:scheduling</serviceDomain><categorization>booking</categorization><categorization>cancel</categorization></filterInfo>`);
    const bad = await direct('/tak/SokVagvalsInfo/v2', soapEnvelope(`<hamtaAllt xmlns="${REGISTRY_NS.vagvalsInfo}"/>`));
    expect(bad.status).to.equal(500);
  });

  it('routes the registry services at the platform address, under the origin that names no instance, after start', () => {
    const routes = t.platform.ctx.catalogue.current()!.routes.filter((r) => r.logicalAddress === PLATFORM);
    expect(routes.map((r) => r.namespace).sort()).to.deep.equal(Object.values(REGISTRY_NS).filter((ns) => ns !== REGISTRY_NS.registryCore).sort());
    expect(routes.every((r) => r.url.startsWith(PLATFORM_SERVICES_ORIGIN + '/tak/'))).to.equal(true);
  });
});
