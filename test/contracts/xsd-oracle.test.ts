import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { referenceDir, referenceSchemas, skipWithoutReference, validatePayloadXml } from '../support/riv-reference.js';
import { applySchemaOverlay, SCHEMA_OVERLAY } from '../../src/contracts/xsd/index.js';

const example = (name: string): string => readFileSync(join(referenceDir()!, 'examples', name), 'utf8');

const UPDATE_RESPONSE_OK = '<UpdateResponse xmlns="urn:riv:itintegration:engagementindex:UpdateResponder:1"><ResultCode>OK</ResultCode></UpdateResponse>';
const IS_ACTIVE_USER = (subject: string): string =>
  `<IsActiveUser xmlns="urn:riv:infrastructure:eservicesupply:patientportal:IsActiveUserResponder:1"><subjectOfCareId>${subject}</subjectOfCareId></IsActiveUser>`;

describe('XSD test oracle (test/support/riv-reference)', function () {
  beforeEach(function () {
    skipWithoutReference(this);
  });

  it('accepts a valid payload element and returns no errors', async () => {
    expect(await validatePayloadXml(UPDATE_RESPONSE_OK)).to.deep.equal([]);
  });

  it('names the offending element and line for an invalid payload', async () => {
    const errors = await validatePayloadXml('<UpdateResponse xmlns="urn:riv:itintegration:engagementindex:UpdateResponder:1">\n<ResultCode>MAYBE</ResultCode></UpdateResponse>');
    expect(errors).to.have.length.greaterThan(0);
    expect(errors[0]).to.match(/^line 2: Element '\{urn:riv:itintegration:engagementindex:UpdateResponder:1\}ResultCode': \[facet 'enumeration'\] The value 'MAYBE' is not an element of the set/);
  });

  it('reports a payload whose namespace no schema defines', async () => {
    expect(await validatePayloadXml('<Foo xmlns="urn:riv:nowhere:FooResponder:1"/>')).to.deep.equal([
      "no schema defines namespace 'urn:riv:nowhere:FooResponder:1' (element Foo); import its domain release first: ntjp contracts import <folder|zip>",
    ]);
  });

  it('validates every Body child and the known headers of a whole envelope', async () => {
    expect(await validatePayloadXml(example('clinicalprocess_healthcond_description_GetCareDocumentation_3_request.xml'))).to.deep.equal([]);
    expect(await validatePayloadXml(example('itintegration_engagementindex_Update_1_request.xml'))).to.deep.equal([]);
    expect(await validatePayloadXml(example('crm_scheduling_MakeBooking_1_response_INFO.xml'))).to.deep.equal([]);
  });

  it('accepts a real personnummer in the booking schema through the `^…$` overlay', async () => {
    expect(await validatePayloadXml(example('crm_scheduling_MakeBooking_1_request.xml'))).to.deep.equal([]);
    expect(await validatePayloadXml(IS_ACTIVE_USER('191212121212'))).to.deep.equal([]);
  });

  it('still applies the personnummer pattern after the overlay', async () => {
    const errors = await validatePayloadXml(IS_ACTIVE_USER('19121212-1212'));
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain("[facet 'pattern'] The value '19121212-1212' is not accepted by the pattern '[0-9]{8}[0-9pPtTfF][0-9]{3}'");
  });

  it('rejects the Inbox sample with the namespace typo (spec §8 #8)', async () => {
    const errors = await validatePayloadXml(example('infrastructure_eservicesupply_patientportal_AddMessageToPatientPortalInbox_1_request_RC1-namespace-typo.xml'));
    expect(errors.join('\n')).to.contain("no schema defines namespace 'urn:riv:infrastructure::eservicesupply");
  });

  it('checks the LogicalAddress header of an envelope and skips a SOAP Fault body', async () => {
    const fault = '<s:Envelope xmlns:s="http://schemas.xmlsoap.org/soap/envelope/"><s:Header><LogicalAddress xmlns="urn:riv:itintegration:registry:1"><x/></LogicalAddress></s:Header><s:Body><s:Fault><faultcode>s:Server</faultcode><faultstring>x</faultstring></s:Fault></s:Body></s:Envelope>';
    const errors = await validatePayloadXml(fault);
    expect(errors).to.have.length(1);
    expect(errors[0]).to.contain("Element '{urn:riv:itintegration:registry:1}LogicalAddress'");
  });

  it('refuses a DOCTYPE and reports malformed XML without throwing', async () => {
    expect(await validatePayloadXml('<!DOCTYPE x [<!ENTITY a "b">]><x/>')).to.deep.equal(['DOCTYPE is not allowed in a message']);
    const errors = await validatePayloadXml('<UpdateResponse xmlns="urn:x">');
    expect(errors[0]).to.match(/^not well-formed XML: /);
  });

  it('picks the highest minor version when two schema files share a namespace', () => {
    expect(referenceSchemas().fileOf('urn:riv:clinicalprocess:healthcond:actoutcome:GetLaboratoryOrderOutcomeResponder:3')).to.match(/GetLaboratoryOrderOutcomeResponder_3\.1\.xsd$/);
  });
});

describe('schema overlay', () => {
  it('un-anchors exactly the published personnummer pattern and nothing else', () => {
    const published = '<xs:pattern value="^[0-9]{8}[0-9pPtTfF][0-9]{3}$"/><xs:pattern value="^a$"/>';
    expect(applySchemaOverlay(published)).to.equal('<xs:pattern value="[0-9]{8}[0-9pPtTfF][0-9]{3}"/><xs:pattern value="^a$"/>');
    expect(SCHEMA_OVERLAY.map((p) => p.id)).to.deep.equal(['unanchor-personnummer-pattern']);
  });
});
