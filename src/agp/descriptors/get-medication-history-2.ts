import type { AggregatedContract } from './contract.js';
import { PERSON_ID, resultWithLogId } from './result-types.js';

const NS = 'urn:riv:clinicalprocess:activityprescription:actoutcome:GetMedicationHistoryResponder:2';

/** GetMedicationHistory 2 (docs/agp.md, "Served contracts"). */
export const getMedicationHistory2: AggregatedContract = {
  interaction: 'GetMedicationHistory',
  major: 2,
  namespace: NS,
  serviceDomain: 'riv:clinicalprocess:activityprescription:actoutcome',
  categorizations: ['caa-gmh'],
  patientId: PERSON_ID,
  sourceSystem: { element: 'sourceSystemHSAId' },
  records: ['medicationMedicalRecord'],
  result: resultWithLogId(NS, 'urn:riv:clinicalprocess:activityprescription:actoutcome:2'),
  fanOutBy: 'sourceSystem',
};
