import { expect } from 'chai';
import { cutRecords } from '../../src/agp/cut-records.js';
import { parseXml, childText } from '../../src/shared/xml/tree.js';

const NS = 'urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1';
const CORE = 'urn:riv:crm:scheduling:1';
const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';

const answer = (envelopeAttrs: string, payload: string, header = ''): string =>
  `<?xml version="1.0"?><s:Envelope xmlns:s="${SOAP}"${envelopeAttrs}>${header}<s:Body>${payload}</s:Body></s:Envelope>`;

function cut(xml: string): string[] {
  const scanned = cutRecords(xml, ['timeslotDetail'], NS);
  if (scanned.kind !== 'payload') throw new Error(`expected a payload, got ${scanned.kind}`);
  return scanned.records.get('timeslotDetail')!;
}

describe('AgP cutting records out of a producer answer without a tree', () => {
  it('re-declares the ancestors\' namespaces on each cut record, so a prefixed record stands alone', () => {
    const xml = answer(` xmlns:r="${NS}" xmlns:c="${CORE}"`, `<r:GetSubjectOfCareScheduleResponse><r:timeslotDetail><c:bookingId>A&amp;1</c:bookingId></r:timeslotDetail><r:timeslotDetail/></r:GetSubjectOfCareScheduleResponse>`);
    const records = cut(xml);
    expect(records).to.have.length(2);
    const first = parseXml(records[0]!);
    expect([first.name, first.ns]).to.deep.equal(['timeslotDetail', NS]);
    expect(childText(first, 'bookingId', CORE)).to.equal('A&1');
    expect(records[0]).to.include('A&amp;1');
    expect(parseXml(records[1]!).ns).to.equal(NS);
  });

  it('keeps a record\'s own declarations and the prefixes its attribute values use (xsi:type)', () => {
    const xml = answer(
      ` xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:c="urn:outer"`,
      `<GetSubjectOfCareScheduleResponse xmlns="${NS}"><timeslotDetail xmlns:c="${CORE}" xsi:type="c:TimeslotType"><c:x/></timeslotDetail></GetSubjectOfCareScheduleResponse>`,
    );
    const [record] = cut(xml);
    expect(record).to.match(/^<timeslotDetail xmlns:xsi="[^"]+" xmlns="urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1" xmlns:c="urn:riv:crm:scheduling:1" xsi:type/);
    expect(parseXml(record!).children[0]!.ns).to.equal(CORE);
  });

  it('keeps unprefixed descendants of a prefixed record in no namespace when no default is in scope', () => {
    const xml = answer(` xmlns:r="${NS}"`, `<r:GetSubjectOfCareScheduleResponse><r:timeslotDetail><plain/></r:timeslotDetail></r:GetSubjectOfCareScheduleResponse>`);
    const [record] = cut(xml);
    const merged = parseXml(`<GetSubjectOfCareScheduleResponse xmlns="${NS}">${record}</GetSubjectOfCareScheduleResponse>`);
    expect(merged.children[0]!.children[0]!.ns).to.equal('');
  });

  it('finds the payload after a SOAP Header and keeps text with astral characters and CDATA intact', () => {
    const xml = answer('', `<GetSubjectOfCareScheduleResponse xmlns="${NS}"><other>𝄞</other><timeslotDetail><n>𝄞 Åsa<![CDATA[<raw>]]></n></timeslotDetail></GetSubjectOfCareScheduleResponse>`, '<s:Header><h xmlns="urn:h"><timeslotDetail/></h></s:Header>');
    expect(cut(xml)).to.deep.equal([`<timeslotDetail xmlns="${NS}"><n>𝄞 Åsa<![CDATA[<raw>]]></n></timeslotDetail>`]);
  });

  it('takes only list elements of the contract namespace from the first Body child', () => {
    const xml = answer('', `<GetSubjectOfCareScheduleResponse xmlns="${NS}"><timeslotDetail xmlns="urn:other"/></GetSubjectOfCareScheduleResponse><GetSubjectOfCareScheduleResponse xmlns="${NS}"><timeslotDetail/></GetSubjectOfCareScheduleResponse>`);
    expect(cut(xml)).to.deep.equal([]);
  });

  it('tells a fault, an empty Body, malformed XML, a DOCTYPE and a non-SOAP document apart', () => {
    const kind = (xml: string): string => cutRecords(xml, ['timeslotDetail'], NS).kind;
    expect(kind(answer('', '<s:Fault><faultcode>s:Server</faultcode><faultstring>down</faultstring></s:Fault>'))).to.equal('fault');
    expect(kind(answer('', ''))).to.equal('empty-body');
    expect(kind('<html><body>Service Unavailable</body')).to.equal('not-soap');
    expect(kind(`<!DOCTYPE x [<!ENTITY e "e">]>${answer('', '')}`)).to.equal('not-soap');
    expect(kind('<Envelope><Body/></Envelope>')).to.equal('not-soap');
    expect(kind('')).to.equal('not-soap');
  });
});
