/**
 * The contracts the reference journal produces: ONE table of namespace → which records it answers with,
 * the EI serviceDomain/categorization it registers them under (docs/agp.md, "Served contracts"), and how a record
 * and the response are written.
 */
import { ii, l, n, orgUnit, professional, summaryHeader, cv, descriptionHeaderV3, actoutcomeHeaderV4 } from './record-xml.js';
import type { RecordKind } from './journal-record.js';
import type { RecordRenderer } from './render-context.js';

const DESC = 'urn:riv:clinicalprocess:healthcond:description';
const ACT = 'urn:riv:clinicalprocess:healthcond:actoutcome';
const PRESC = 'urn:riv:clinicalprocess:activityprescription:actoutcome';

export interface JournalContract {
  namespace: string;
  /** the request element's local name */
  operation: string;
  kind: RecordKind;
  serviceDomain: string;
  categorization: string;
  /** the core namespace bound to `c:` on the response */
  coreNs: string;
  /** the record element name (in the Responder namespace) */
  recordElement: string;
  render: RecordRenderer;
  /** the closing part of the response after the records (result element), '' when the contract has none */
  result: string;
  /** how the request carries the patient: PersonIdType `{id, type}` or IIType `{root, extension}` */
  patientIdType: 'PersonIdType' | 'IIType';
}

/** ResultType of description 2.x / actoutcome 3.x / activityprescription 2.x, in namespace prefix `p`. */
const resultV2 = (el: string, nsDecl = '', p = 'c'): string => `<${el}${nsDecl}><${p}:resultCode>OK</${p}:resultCode><${p}:logId>NA</${p}:logId></${el}>`;

const noteV2: RecordRenderer = (r, ctx) =>
  summaryHeader('careDocumentationHeader', r, ctx, 'sourceSystemHSAid') +
  n('careDocumentationBody', n('clinicalDocumentNote', l('clinicalDocumentNoteCode', 'utr'), l('clinicalDocumentNoteTitle', r.title), l('clinicalDocumentNoteText', r.text)));

const noteV3: RecordRenderer = (r, ctx) =>
  descriptionHeaderV3(r, ctx) +
  n('body', n('clinicalDocumentNoteCode', l('code', 'utr'), l('codeSystem', '1.2.752.129.2.2.2.11'), l('displayName', 'Utredning')), l('clinicalDocumentNoteTitle', r.title), l('clinicalDocumentNoteText', r.text));

const diagnosis: RecordRenderer = (r, ctx) =>
  summaryHeader('diagnosisHeader', r, ctx) + n('diagnosisBody', l('typeOfDiagnosis', 'Huvuddiagnos'), l('diagnosisTime', r.time), cv('diagnosisCode', r.code));

const alert: RecordRenderer = (r, ctx) =>
  summaryHeader('alertInformationHeader', r, ctx) +
  n('alertInformationBody', cv('typeOfAlertInformation', r.code), n('validityTimePeriod', l('start', r.time)), l('alertInformationComment', `${r.title}. ${r.text}`));

const labV3: RecordRenderer = (r, ctx) =>
  summaryHeader('laboratoryOrderOutcomeHeader', r, ctx) +
  n('laboratoryOrderOutcomeBody', l('resultType', 'DEF'), l('registrationTime', r.time), l('discipline', r.title), l('resultReport', r.text), n('order', l('orderId', `${r.id}-order`), l('orderReason', 'Kontroll')));

const labV4: RecordRenderer = (r, ctx) =>
  actoutcomeHeaderV4(r, ctx) +
  n(
    'body',
    ii('identifier', ctx.systemHsaId, r.id),
    n('type', l('code', 'DEF'), l('displayName', `${r.title} – slutsvar`)),
    n('referral', ii('identifier', ctx.systemHsaId, `${r.id}-order`), l('timestamp', r.time), n('requester', l('name', r.author))),
    n('recipientUnit', l('name', ctx.careUnitName(r.careUnit))),
  );

const referral: RecordRenderer = (r, ctx) =>
  summaryHeader('referralOutcomeHeader', r, ctx) +
  n('referralOutcomeBody', l('referralOutcomeTypeCode', 'SR'), l('referralOutcomeTitle', r.title), l('referralOutcomeText', r.text), n('referral', l('referralId', `${r.id}-remiss`), l('referralReason', 'Utredning av andfåddhet'), professional('referralAuthor', r, ctx)));

const medication: RecordRenderer = (r, ctx) =>
  summaryHeader('medicationMedicalRecordHeader', r, ctx) +
  n(
    'medicationMedicalRecordBody',
    n(
      'medicationPrescription',
      ii('prescriptionId', ctx.systemHsaId, r.id),
      l('typeOfPrescription', 'I'), // insättning: the prescription that starts the treatment
      l('prescriptionStatus', 'Active'),
      l('prescriptionNote', `${r.title}: ${r.text}`),
      l('treatmentPurpose', r.code?.displayName),
      professional('prescriber', r, ctx),
      l('startOfTreatment', r.time),
      l('selfMedication', false),
    ),
  );

const vaccination: RecordRenderer = (r, ctx) =>
  summaryHeader('vaccinationMedicalRecordHeader', r, ctx) +
  n(
    'vaccinationMedicalRecordBody',
    n(
      'registrationRecord',
      orgUnit('careGiverOrg', r, ctx),
      l('sourceSystemName', ctx.systemName),
      n('sourceSystemContact', l('hsaid', ctx.systemHsaId), l('personName', 'Systemförvaltning')),
      l('date', r.time.slice(0, 8)),
      l('vaccinationUnstructuredNote', r.text),
    ),
    n('administrationRecord', n('performer', l('personName', r.author)), l('doseOrdinalNumber', 1), cv('vaccineName', r.code ? { ...r.code, displayName: r.title } : undefined)),
  );

const row = (
  domain: string,
  interaction: string,
  major: number,
  coreMajor: string,
  kind: RecordKind,
  categorization: string,
  recordElement: string,
  render: RecordRenderer,
  result: string,
): JournalContract => ({
  namespace: `${domain}:${interaction}Responder:${major}`,
  operation: interaction,
  kind,
  serviceDomain: domain.replace(/^urn:/, ''),
  categorization,
  coreNs: `${domain}:${coreMajor}`,
  recordElement,
  render,
  result,
  patientIdType: coreMajor === '2' || (domain === ACT && major === 3) ? 'PersonIdType' : 'IIType',
});

export const JOURNAL_CONTRACTS: readonly JournalContract[] = [
  row(DESC, 'GetCareDocumentation', 2, '2', 'note', 'voo', 'careDocumentation', noteV2, resultV2('m1:result', ` xmlns:m1="${DESC}:2.1"`, 'm1')),
  row(DESC, 'GetCareDocumentation', 3, '3', 'note', 'voo', 'careDocumentation', noteV3, '<result><c:resultCode>OK</c:resultCode></result>'),
  row(DESC, 'GetDiagnosis', 2, '2', 'diagnosis', 'dia', 'diagnosis', diagnosis, resultV2('result')),
  row(DESC, 'GetAlertInformation', 2, '2', 'alert', 'upp', 'alertInformation', alert, resultV2('result')),
  row(ACT, 'GetLaboratoryOrderOutcome', 3, '3', 'lab', 'und-kkm-ure', 'laboratoryOrderOutcome', labV3, resultV2('result')),
  row(ACT, 'GetLaboratoryOrderOutcome', 4, '4', 'lab', 'und-kkm-ure', 'laboratoryOrderOutcome', labV4, ''),
  row(ACT, 'GetReferralOutcome', 3, '3', 'referral', 'und-kon-ure', 'referralOutcome', referral, resultV2('result')),
  row(PRESC, 'GetMedicationHistory', 2, '2', 'medication', 'caa-gmh', 'medicationMedicalRecord', medication, resultV2('result')),
  row(PRESC, 'GetVaccinationHistory', 2, '2', 'vaccination', 'caa-gvh', 'vaccinationMedicalRecord', vaccination, resultV2('result')),
];

