import type { AggregatedContract } from './contract.js';
import { II_PATIENT_ID } from './result-types.js';

/** GetLaboratoryOrderOutcome 4.0: IIType ids and no result element (errors are SOAP faults). */
export const getLaboratoryOrderOutcome4: AggregatedContract = {
  interaction: 'GetLaboratoryOrderOutcome',
  major: 4,
  namespace: 'urn:riv:clinicalprocess:healthcond:actoutcome:GetLaboratoryOrderOutcomeResponder:4',
  serviceDomain: 'riv:clinicalprocess:healthcond:actoutcome',
  categorizations: ['und-kkm-ure'],
  patientId: II_PATIENT_ID,
  sourceSystem: { element: 'sourceSystemHSAId', part: 'extension' },
  records: ['laboratoryOrderOutcome'],
  fanOutBy: 'sourceSystem',
};
