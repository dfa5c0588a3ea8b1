import type { AggregatedContract } from './contract.js';
import { PERSON_ID, resultWithLogId } from './result-types.js';

const NS = 'urn:riv:clinicalprocess:activityprescription:actoutcome:GetVaccinationHistoryResponder:2';

/** GetVaccinationHistory 2 (docs/agp.md, "Served contracts"). */
export const getVaccinationHistory2: AggregatedContract = {
  interaction: 'GetVaccinationHistory',
  major: 2,
  namespace: NS,
  serviceDomain: 'riv:clinicalprocess:activityprescription:actoutcome',
  categorizations: ['caa-gvh'],
  patientId: PERSON_ID,
  sourceSystem: { element: 'sourceSystemHSAid' },
  records: ['vaccinationMedicalRecord'],
  result: resultWithLogId(NS, 'urn:riv:clinicalprocess:activityprescription:actoutcome:2'),
  fanOutBy: 'sourceSystem',
};
