import type { MergedResult } from './contract.js';

/** ResultType `{resultCode, errorCode?, logId, …}` (description 2.x, actoutcome 3.x, activityprescription 2.x). */
export function resultWithLogId(ns: string, fieldsNs: string): MergedResult {
  return { ns, fieldsNs, fields: [['resultCode', 'INFO'], ['logId', 'NA']] };
}

/** ResultType `{resultCode, resultText?}` (description 3.0). */
export function resultCodeOnly(ns: string, fieldsNs: string): MergedResult {
  return { ns, fieldsNs, fields: [['resultCode', 'INFO']] };
}

/** PersonIdType `{id, type}` of the 2.x domains. */
export const PERSON_ID = { element: 'patientId', part: 'id' } as const;
/** IIType `{root, extension}` of the 3.x/4.x domains. */
export const II_PATIENT_ID = { element: 'patientId', part: 'extension' } as const;
