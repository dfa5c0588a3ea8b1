/** Named SOAP builders for the aggregating-service tests. */
import { expect } from 'chai';
import { parseEnvelope } from '../../src/shared/soap/envelope.js';
import { NS } from '../../src/shared/soap/namespaces.js';
import { child, children, childText, parseXml, type XmlElement } from '../../src/shared/xml/tree.js';
import type { SoapAnswer } from '../../src/shared/soap/client.js';
import type { AggregatedContract } from '../../src/agp/index.js';
import { PATIENT, PLATFORM } from './platform.js';

export const SCHEDULING_NS = 'urn:riv:crm:scheduling:GetSubjectOfCareScheduleResponder:1';
export const SCHEDULING_CORE = 'urn:riv:crm:scheduling:1';
export const SCHEDULING_DOMAIN = 'riv:crm:scheduling';
export const GCD3_NS = 'urn:riv:clinicalprocess:healthcond:description:GetCareDocumentationResponder:3';
export const GCD3_CORE = 'urn:riv:clinicalprocess:healthcond:description:3';
export const DESCRIPTION_DOMAIN = 'riv:clinicalprocess:healthcond:description';

export const scheduleRequest = (): string =>
  `<GetSubjectOfCareSchedule xmlns="${SCHEDULING_NS}"><healthcare_facility>${PLATFORM}</healthcare_facility><subject_of_care>${PATIENT}</subject_of_care></GetSubjectOfCareSchedule>`;

/** A schedule answering `count` timeslots for the healthcare_facility it was asked about. */
export function scheduleAnswer(count: number): (requestXml: string) => string {
  return (requestXml) => {
    const facility = childText(child(parseEnvelope(requestXml).envelope, 'Body')?.children[0], 'healthcare_facility') ?? '?';
    const slots = Array.from({ length: count }, (_, i) => `<timeslotDetail><c:healthcare_facility>${facility}</c:healthcare_facility><c:bookingId>${facility}-${i}</c:bookingId></timeslotDetail>`);
    return `<GetSubjectOfCareScheduleResponse xmlns="${SCHEDULING_NS}" xmlns:c="${SCHEDULING_CORE}">${slots.join('')}</GetSubjectOfCareScheduleResponse>`;
  };
}

export const careDocumentation3Request = (extra = ''): string =>
  `<GetCareDocumentation xmlns="${GCD3_NS}" xmlns:c="${GCD3_CORE}"><patientId><c:root>1.2.752.129.2.1.3.1</c:root><c:extension>${PATIENT}</c:extension></patientId>${extra}</GetCareDocumentation>`;

export const sourceSystemId = (hsaId: string): string => `<sourceSystemId><c:root>1.2.752.129.2.1.4.1</c:root><c:extension>${hsaId}</c:extension></sourceSystemId>`;

/** A GetCareDocumentation 3 answer with one `hasMore` paging record pointing back at the source. */
export const careDocumentation3HasMore = (address: string) => (): string =>
  `<GetCareDocumentationResponse xmlns="${GCD3_NS}" xmlns:c="${GCD3_CORE}"><hasMore><logicalAddress>${address}</logicalAddress><reference>page-2-of-${address}</reference></hasMore><result><c:resultCode>OK</c:resultCode></result></GetCareDocumentationResponse>`;

/** A GetCareDocumentation 3 answer with resultCode ERROR and no records (a logical error of the source). */
export const careDocumentation3Error = (): string =>
  `<GetCareDocumentationResponse xmlns="${GCD3_NS}" xmlns:c="${GCD3_CORE}"><result><c:resultCode>ERROR</c:resultCode><c:resultText>Journalen är spärrad</c:resultText></result></GetCareDocumentationResponse>`;

/** A request of any descriptor carrying only its patient id (read by local name; only the answer is validated). */
export function minimalRequest(c: AggregatedContract): string {
  const parts: Record<string, string> = { id: `<id>${PATIENT}</id><type>1.2.752.129.2.1.3.1</type>`, extension: `<root>1.2.752.129.2.1.3.1</root><extension>${PATIENT}</extension>` };
  const value = c.patientId.part ? parts[c.patientId.part]! : PATIENT;
  return `<${c.interaction} xmlns="${c.namespace}"><${c.patientId.element}>${value}</${c.patientId.element}></${c.interaction}>`;
}

/** A producer answer of any descriptor with no records and, when the contract has one, an OK result. */
export function emptyAnswer(c: AggregatedContract): () => string {
  const result = c.result ? `<result xmlns="${c.result.ns}" xmlns:r="${c.result.fieldsNs}">${c.result.fields.map(([n, v]) => `<r:${n}>${n === 'resultCode' ? 'OK' : v}</r:${n}>`).join('')}</result>` : '';
  return () => `<${c.interaction}Response xmlns="${c.namespace}">${result}</${c.interaction}Response>`;
}

export interface StatusRecord {
  logicalAddress: string;
  statusCode: string;
  code?: string;
  text?: string;
}

/** The aggregated answer: HTTP 200, its payload and its ProcessingStatus records. */
export function aggregated(answer: SoapAnswer): { payload: XmlElement; status: StatusRecord[] } {
  expect(answer.status, answer.body).to.equal(200);
  const env = parseEnvelope(answer.body);
  const header = child(env.header, 'ProcessingStatus', NS.interopHeaders);
  expect(header, 'ProcessingStatus header').to.not.equal(undefined);
  const status = children(header, 'ProcessingStatusList').map((r) => {
    const err = child(r, 'lastUnsuccessfulSynchError');
    const rec: StatusRecord = { logicalAddress: childText(r, 'logicalAddress')!, statusCode: childText(r, 'statusCode')! };
    if (err) Object.assign(rec, { code: childText(err, 'code'), text: childText(err, 'text') });
    return rec;
  });
  return { payload: env.payload!, status };
}

export function faultOf(answer: SoapAnswer): string {
  expect(answer.status, answer.body).to.equal(500);
  return parseEnvelope(answer.body).fault!.string;
}

export const reparse = (xml: string): XmlElement => parseXml(xml);
