/**
 * RIV record XML for the journal contracts. Field order follows the schemas; `c:` is the domain's core
 * namespace, declared on the response element. Three header families exist:
 * PatientSummaryHeader (description 2, actoutcome 3, activityprescription 2), and the IIType-based
 * headers of description 3 and actoutcome 4.
 */
import { leaf, node } from '../xml-fragment.js';
import { PERSON_ID_OID } from '../test-persons.js';
import type { CodedValue, JournalRecord } from './journal-record.js';
import { careGiverOf, HSA_ID_OID, type RenderContext } from './render-context.js';

const l = (name: string, v: string | number | boolean | undefined): string => leaf(`c:${name}`, v);
const n = (name: string, ...children: string[]): string => node(`c:${name}`, ...children);

export const cv = (name: string, c: CodedValue | undefined): string =>
  c ? n(name, l('code', c.code), l('codeSystem', c.codeSystem), l('displayName', c.displayName)) : '';
export const ii = (name: string, root: string, extension: string): string => n(name, l('root', root), l('extension', extension));
const orgUnit = (name: string, r: JournalRecord, ctx: RenderContext): string => n(name, l('orgUnitHSAId', r.careUnit), l('orgUnitName', ctx.careUnitName(r.careUnit)));

/** HealthcareProfessionalType (description 2, actoutcome 3, activityprescription 2). */
export function professional(name: string, r: JournalRecord, ctx: RenderContext): string {
  return n(
    name,
    l('authorTime', r.time),
    l('healthcareProfessionalName', r.author),
    orgUnit('healthcareProfessionalOrgUnit', r, ctx),
    l('healthcareProfessionalCareUnitHSAId', r.careUnit),
    l('healthcareProfessionalCareGiverHSAId', careGiverOf(r.careUnit)),
  );
}

/** PatientSummaryHeaderType; GetCareDocumentation 2 spells the source element `sourceSystemHSAid`. */
export function summaryHeader(name: string, r: JournalRecord, ctx: RenderContext, sourceElement = 'sourceSystemHSAId'): string {
  return n(
    name,
    l('documentId', r.id),
    l(sourceElement, ctx.systemHsaId),
    l('documentTitle', r.title),
    l('documentTime', r.time),
    n('patientId', l('id', r.personId), l('type', PERSON_ID_OID)),
    professional('accountableHealthcareProfessional', r, ctx),
    l('approvedForPatient', true),
  );
}

const sourceAndRecord = (r: JournalRecord, ctx: RenderContext): string =>
  ii('sourceSystemId', HSA_ID_OID, ctx.systemHsaId) + n('record', ii('id', ctx.systemHsaId, r.id), l('timestamp', r.time));

/** The IIType-based header of description 3.0 (accessControlHeader, sourceSystemId, record, author). */
export function descriptionHeaderV3(r: JournalRecord, ctx: RenderContext): string {
  return n(
    'header',
    n(
      'accessControlHeader',
      ii('accountableHealthcareProvider', HSA_ID_OID, careGiverOf(r.careUnit)),
      ii('accountableCareUnit', HSA_ID_OID, r.careUnit),
      ii('patientId', PERSON_ID_OID, r.personId),
      l('blockComparisonTime', r.time),
      l('approvedForPatient', true),
    ),
    sourceAndRecord(r, ctx),
    n('author', l('name', r.author), l('timestamp', r.time), orgUnit('orgUnit', r, ctx)),
  );
}

/** The header of actoutcome 4.0 (accountableCareGiver, sourceSystemId, record; extensions required). */
export function actoutcomeHeaderV4(r: JournalRecord, ctx: RenderContext): string {
  return n(
    'header',
    n(
      'accessControlHeader',
      ii('accountableCareGiver', HSA_ID_OID, careGiverOf(r.careUnit)),
      ii('accountableCareUnit', HSA_ID_OID, r.careUnit),
      l('blockComparisonTime', r.time),
      l('approvedForPatient', true),
    ),
    sourceAndRecord(r, ctx),
  );
}

export { l, n, orgUnit };
